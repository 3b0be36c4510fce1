package org.openevb.shell.internal;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpAgentCounters;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.api.lldp.LldpNeighbourView;
import org.openevb.api.schannel.SChannelDropReason;
import org.openevb.api.schannel.SChannelStatus;
import org.openevb.api.schannel.SComponentStatus;
import org.openevb.api.view.Counters;
import org.openevb.codec.CodecException;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;

/**
 * A station's view of one top-of-rack switch, built from wire bytes: the S-channels negotiated by
 * CDCP on the uplink, the EVB TLV on channel 2, the switch's pre-standard EVB TLV on plain LLDP.
 * The tests check the commands' output against it and the command documentation shows it.
 */
final class Examples {

    static final String EVB_BRIDGE_INFO = "02006e5414";
    static final String EVB_STATION_INFO = "0305688808";
    static final String CDCP_STATION_INFO = "88000004" + "001001" + "002000" + "003000";
    static final String CDCP_BRIDGE_INFO = "080000a7" + "001001" + "002064" + "003065";
    static final String PRE_STANDARD_INFO = "400740070cdf00000f";

    static final long SWITCH_MAC = MacAddress.parse("0c:42:a1:7e:10:00");

    private Examples() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** A TLV from its wire form (header included). */
    static LldpTlv tlv(String wireHex) {
        byte[] b = hex(wireHex);
        try {
            return LldpTlv.decode(b, 0, b.length);
        } catch (CodecException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An organizationally specific TLV: 802.1 OUI, subtype, information string. */
    static LldpTlv org8021(int subtype, String infoHex) {
        byte[] info = hex(infoHex);
        byte[] v = new byte[4 + info.length];
        v[0] = 0x00;
        v[1] = (byte) 0x80;
        v[2] = (byte) 0xc2;
        v[3] = (byte) subtype;
        System.arraycopy(info, 0, v, 4, info.length);
        return new LldpTlv(LldpTlv.ORGANIZATIONAL, v);
    }

    static EvbTlv evb(String infoHex) throws CodecException {
        byte[] b = hex(infoHex);
        return EvbTlv.decodeInfo(b, 0, b.length);
    }

    static CdcpTlv cdcp(String infoHex) throws CodecException {
        byte[] b = hex(infoHex);
        return CdcpTlv.decodeInfo(b, 0, b.length);
    }

    /** The switch's LLDPDU on the uplink's nearest-bridge agent: plain LLDP and the pre-standard EVB TLV. */
    static Lldpdu nearestBridgeLldpdu() {
        return Lldpdu.of(
                tlv("0207 04 0c42a17e1000"),              // chassis ID: MAC
                tlv("0405 05 73777031"),                  // port ID: interface name swp1
                tlv("0602 0078"),                         // TTL 120
                tlv("0a05 746f722d31"),                   // system name tor-1
                tlv("0e04 0014 0014"),                    // capabilities: bridge, router; both enabled
                tlv("100c 05 01 c0000201 02 00000003 00"), // management address 192.0.2.1, ifIndex 3
                tlv("fe06 00120f04 05ee"),                // 802.3 maximum frame size 1518
                tlv("fe0d 001b3f00 " + PRE_STANDARD_INFO));
    }

    /** The switch's LLDPDU on the uplink's nearest-nontpmr-bridge agent: CDCP. */
    static Lldpdu cdcpLldpdu() {
        return Lldpdu.of(tlv("0207 04 0c42a17e1000"), tlv("0405 05 73777031"), tlv("0602 0078"),
                tlv("0a05 746f722d31"), org8021(CdcpTlv.SUBTYPE, CDCP_BRIDGE_INFO));
    }

    /** The switch's LLDPDU on S-channel 2 (nearest-customer-bridge): the EVB TLV. */
    static Lldpdu evbLldpdu() {
        return Lldpdu.of(tlv("0207 04 0c42a17e1000"), tlv("0409 05 737770312e313030"), tlv("0602 0078"),
                tlv("0a05 746f722d31"), org8021(EvbTlv.SUBTYPE, EVB_BRIDGE_INFO));
    }

    static LldpNeighbour neighbour(String portId, long expiresInMillis, Lldpdu lldpdu) {
        return new LldpNeighbour("0c:42:a1:7e:10:00", portId, 120, expiresInMillis, "tor-1", SWITCH_MAC, lldpdu);
    }

    /** The agents of the station: the uplink's three and channel 2's. */
    static List<LldpAgent> agents() {
        return List.of(
                new Agent("uplink", LldpAddress.NEAREST_BRIDGE, 30, 120,
                        List.of(neighbour("swp1", 97_400, nearestBridgeLldpdu())),
                        new LldpAgentCounters(412, 0, 409, 0, 0, 0, 1, 0, 0, 0)),
                new Agent("uplink", LldpAddress.NEAREST_NON_TPMR_BRIDGE, 30, 120,
                        List.of(neighbour("swp1", 101_250, cdcpLldpdu())),
                        new LldpAgentCounters(415, 0, 410, 0, 0, 0, 1, 0, 0, 0)),
                new Agent("uplink-ch2", LldpAddress.NEAREST_CUSTOMER_BRIDGE, 30, 120,
                        List.of(neighbour("swp1.100", 88_020, evbLldpdu())),
                        new LldpAgentCounters(398, 0, 395, 0, 0, 1, 2, 1, 0, 0)),
                new Agent("uplink-ch3", LldpAddress.NEAREST_CUSTOMER_BRIDGE, 30, 120, List.of(),
                        new LldpAgentCounters(397, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
    }

    /** Channel 2 negotiated with the switch; channel 3 (VEPA, asks for reflective relay) still waits for it. */
    static List<EvbPortStatus> evbPorts() throws CodecException {
        EvbTlv remote = evb(EVB_BRIDGE_INFO);
        // channel 2 runs VEB (no RRREQ); its own R 3, RTE 8, RWD 8, RKA 8 raised to the switch's values
        EvbTlv local = new EvbTlv(false, true, false, false, false, EvbTlv.RRSTAT_NO, 3, 14, EvbTlv.STATION,
                true, 20, true, 20);
        return List.of(
                new EvbPortStatus("uplink-ch2", "station", "negotiated", local, remote, null,
                        "0c:42:a1:7e:10:00/swp1.100", false, 3, 14, 20, 20, false, 395, 0, 1),
                new EvbPortStatus("uplink-ch3", "station", "waiting", evb("0007688808"),
                        null, null, "", false, 3, 8, 8, 8, false, 0, 0, 0));
    }

    /** A neighbour heard on {@code uplink} whose last LLDPDU is {@code d}, as the commands show it. */
    static LldpNeighbourView neighbour(Lldpdu d) {
        return LldpNeighbourView.of("uplink", LldpAddress.NEAREST_BRIDGE,
                new LldpNeighbour("0c:42:a1:7e:10:00", "swp1", 120, 120_000, "tor-1", SWITCH_MAC, d));
    }

    static List<SComponentStatus> components() throws CodecException {
        Counters<SChannelDropReason> drops = Counters.of(SChannelDropReason.class,
                Map.of(SChannelDropReason.UNKNOWN_SVID, 2L));
        return List.of(new SComponentStatus("uplink", "station", true, "ok", cdcp(CDCP_STATION_INFO),
                cdcp(CDCP_BRIDGE_INFO),
                List.of(new SChannelStatus(1, 1, "uplink-ch1", "up", "", 1210, 1187, 0),
                        new SChannelStatus(2, 100, "uplink-ch2", "up", "", 8841, 9120, 0),
                        new SChannelStatus(3, 101, "uplink-ch3", "up", "", 412, 398, 0)),
                drops));
    }

    /** An agent as the LLDP service hands it out. */
    record Agent(String port, LldpAddress address, int txIntervalSeconds, int ttlSeconds,
            List<LldpNeighbour> neighbours, LldpAgentCounters counters) implements LldpAgent {

        @Override
        public String adminStatus() {
            return "rxtx";
        }
    }
}
