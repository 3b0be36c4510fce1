package org.openevb.qualify.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.lldp.ChassisIdTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.PortIdTlv;
import org.openevb.codec.lldp.TtlTlv;

/** The frames the kit sends, built once here so every probe's LLDPDU looks the same to the peer. */
final class KitFrames {

    static final int HEADER = 14;
    /** The system name our LLDPDUs carry, so the peer's neighbour table says who probed it. */
    static final String SYSTEM_NAME = "openevb qualification";

    private KitFrames() {
    }

    /** An LLDPDU from {@code source} to {@code group}: chassis (the MAC), port (its name), TTL, system name, {@code extra}. */
    static byte[] lldpdu(long group, long source, String portName, int ttlSeconds, List<LldpTlv> extra) {
        List<LldpTlv> tlvs = new ArrayList<>();
        tlvs.add(ChassisIdTlv.ofMac(source).toTlv());
        tlvs.add(new PortIdTlv(PortIdTlv.INTERFACE_NAME, portName.getBytes(StandardCharsets.UTF_8)).toTlv());
        tlvs.add(new TtlTlv(ttlSeconds).toTlv());
        if (ttlSeconds > 0) {
            tlvs.add(new LldpTlv(LldpTlv.SYSTEM_NAME, SYSTEM_NAME.getBytes(StandardCharsets.UTF_8)));
            tlvs.addAll(extra);
        }
        byte[] body = Lldpdu.of(tlvs).encode();
        byte[] frame = new byte[HEADER + body.length];
        MacAddress.write(group, frame, 0);
        MacAddress.write(source, frame, 6);
        frame[12] = (byte) (EtherType.LLDP >> 8);
        frame[13] = (byte) EtherType.LLDP;
        System.arraycopy(body, 0, frame, HEADER, body.length);
        return frame;
    }

    /** An ECP frame from {@code source} to the nearest customer bridge (where ECP runs), padded by the session. */
    static byte[] ecp(long source, EcpPdu pdu) {
        byte[] frame = new byte[HEADER + pdu.encodedLength()];
        MacAddress.write(MacAddress.NEAREST_CUSTOMER_BRIDGE, frame, 0);
        MacAddress.write(source, frame, 6);
        frame[12] = (byte) (EtherType.ECP >> 8);
        frame[13] = (byte) EtherType.ECP;
        pdu.encode(frame, HEADER);
        return frame;
    }

    /** The EtherType at offset 12, or -1 for a frame too short to have one. */
    static int etherType(byte[] frame) {
        return frame.length < HEADER ? -1 : ((frame[12] & 0xFF) << 8) | (frame[13] & 0xFF);
    }
}
