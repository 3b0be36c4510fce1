package org.openevb.api.schannel;

import java.util.List;
import org.openevb.api.view.Counters;
import org.openevb.codec.lldp.CdcpTlv;

/**
 * The S-VLAN component of one uplink (station) or station-facing port (bridge).
 *
 * @param port the physical port it runs on
 * @param role {@code station} or {@code bridge}
 * @param cdcp whether CDCP negotiates the channels (else they are configured statically)
 * @param status {@code ok}, or the configuration or CDCP problems (pool exhausted, conflicts)
 * @param local the CDCP TLV this side sends (null without CDCP)
 * @param remote the peer's last CDCP TLV, or null
 * @param channels the channels, by SCID
 * @param drops frames the component dropped on receive: the total of {@code dropsByReason}
 * @param dropsByReason frames the component dropped on receive, by reason (every reason present)
 */
public record SComponentStatus(String port, String role, boolean cdcp, String status, CdcpTlv local, CdcpTlv remote,
        List<SChannelStatus> channels, long drops, Counters<SChannelDropReason> dropsByReason) {

    public SComponentStatus {
        channels = List.copyOf(channels);
        if (drops != dropsByReason.total()) {
            throw new IllegalArgumentException("drops " + drops + " is not the total of " + dropsByReason);
        }
    }

    /** The status, with the total of drops taken from {@code dropsByReason}. */
    public SComponentStatus(String port, String role, boolean cdcp, String status, CdcpTlv local, CdcpTlv remote,
            List<SChannelStatus> channels, Counters<SChannelDropReason> dropsByReason) {
        this(port, role, cdcp, status, local, remote, channels, dropsByReason.total(), dropsByReason);
    }
}
