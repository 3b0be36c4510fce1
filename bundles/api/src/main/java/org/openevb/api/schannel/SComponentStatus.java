package org.openevb.api.schannel;

import java.util.List;
import java.util.Map;
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
 * @param drops frames the component dropped on receive, by reason
 */
public record SComponentStatus(String port, String role, boolean cdcp, String status, CdcpTlv local, CdcpTlv remote,
        List<SChannelStatus> channels, Map<String, Long> drops) {
}
