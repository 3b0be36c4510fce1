package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.ethernet.VnTag;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpRawTlv;
import org.openevb.codec.vdp.VsiTlv;

/** MAC and EtherType helpers, and the validation of the value types. */
class CoreTest {

    @Test
    void macAddresses() {
        long m = MacAddress.parse("02:00:00:00:00:01");
        assertEquals(0x020000000001L, m);
        assertEquals("02:00:00:00:00:01", MacAddress.format(m));
        assertEquals(0x0180C2000000L, MacAddress.parse("01-80-C2-00-00-00"));
        assertEquals("01:80:c2:00:00:0e", MacAddress.format(MacAddress.NEAREST_BRIDGE));
        assertEquals("01:80:c2:00:00:03", MacAddress.format(MacAddress.NEAREST_NON_TPMR_BRIDGE));
        assertEquals("ff:ff:ff:ff:ff:ff", MacAddress.format(MacAddress.BROADCAST));
        assertTrue(MacAddress.isMulticast(MacAddress.NEAREST_CUSTOMER_BRIDGE));
        assertTrue(MacAddress.isMulticast(MacAddress.BROADCAST));
        assertTrue(MacAddress.isBroadcast(MacAddress.BROADCAST));
        assertFalse(MacAddress.isBroadcast(MacAddress.NEAREST_BRIDGE));
        assertFalse(MacAddress.isMulticast(m));
        assertTrue(MacAddress.isLocallyAdministered(m));
        byte[] b = new byte[8];
        MacAddress.write(0xa1b2c3d4e5f6L, b, 1);
        assertEquals("00a1b2c3d4e5f600", Vectors.hex(b));
        assertEquals(0xa1b2c3d4e5f6L, MacAddress.read(b, 1));
        for (String bad : new String[] {"", "02:00:00:00:00", "02:00:00:00:00:0g", "02:00-00:00:00:01", "0200.0000.0001x",
            "02:00:00:00:00:001"}) {
            assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(null));
    }

    @Test
    void etherTypes() {
        assertEquals(4, EtherType.tagLength(EtherType.C_TAG));
        assertEquals(4, EtherType.tagLength(EtherType.S_TAG));
        assertEquals(4, EtherType.tagLength(EtherType.QINQ_LEGACY));
        assertEquals(6, EtherType.tagLength(EtherType.VN_TAG));
        assertEquals(8, EtherType.tagLength(EtherType.E_TAG));
        assertEquals(0, EtherType.tagLength(EtherType.LLDP));
        assertEquals(0, EtherType.tagLength(EtherType.IPV4));
        assertTrue(EtherType.isTag(0x893F));
        assertFalse(EtherType.isTag(0x8940));
        assertEquals(0x88B7, EtherType.ECP_PRESTANDARD);
        assertEquals(0x86DD, EtherType.IPV6);
        assertEquals(0x0806, EtherType.ARP);
    }

    @Test
    void valueTypesRejectOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> VlanTag.cTag(8, false, 1));
        assertThrows(IllegalArgumentException.class, () -> VlanTag.cTag(0, false, 4096));
        assertThrows(IllegalArgumentException.class, () -> new VlanTag(0x0800, 0, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new VnTag(false, false, 0x4000, false, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new VnTag(false, false, 0, false, false, 0, 0x1000));
        assertThrows(IllegalArgumentException.class, () -> ETag.upstream(0, false, 0x1000));
        assertThrows(IllegalArgumentException.class, () -> ETag.downstream(0, false, 0x4000, 0));
        assertThrows(IllegalArgumentException.class, () -> new EthernetFrame(1L << 48, 0, List.of(), 0x0800, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> EthernetFrame.of(0, 0, EtherType.C_TAG, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new LldpTlv(128, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new LldpTlv(1, new byte[512]));
        assertThrows(IllegalArgumentException.class, () -> Lldpdu.of(new LldpTlv(0, new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> new Lldpdu(List.of(), new byte[] {2, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> new EvbTlv(false, false, false, false, false, 4, 0, 0, 0, false, 0, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new EvbTlv(false, false, false, false, false, 0, 8, 0, 0, false, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChannelPair(4096, 0));
        assertThrows(IllegalArgumentException.class, () -> new CdcpTlv(2, false, 0, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new CdcpTlv(0, false, 0, java.util.Collections.nCopies(168, new ChannelPair(1, 1))));
        assertThrows(IllegalArgumentException.class, () -> new EcpPdu(16, 0, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new EcpPdu(1, 0, 1024, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new VdpRawTlv(3, new byte[0]));
        byte[] id = new byte[16];
        assertThrows(IllegalArgumentException.class,
                () -> new VsiTlv(3, 0, 0, 0, 5, id, 1, List.of(FilterEntry.ofMacVid(1, 1))));
        assertThrows(IllegalArgumentException.class,
                () -> new VsiTlv(3, 0, 0, 0, 5, id, 2, List.of(new FilterEntry(7, 1, false, 0, 1))));
        assertThrows(IllegalArgumentException.class, () -> new VsiTlv(3, 0, 0, 0, 5, id, 5, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new VsiTlv(0, 0, 0, 0, 5, id, 1, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new VsiTlv(3, 0, 0, 0, 5, id, 4, java.util.Collections.nCopies(41, new FilterEntry(1, 1, false, 0, 1))));
        assertThrows(IllegalArgumentException.class, () -> VdpPdu.of(new VdpRawTlv(0, new byte[0])));
    }

    @Test
    void valueSemanticsWithArrays() {
        byte[] p = {1, 2, 3};
        EcpPdu e = new EcpPdu(1, 0, 1, 5, p);
        p[0] = 9;
        assertEquals(1, e.payload()[0]);
        e.payload()[1] = 9;
        assertEquals(2, e.payload()[1]);
        assertEquals(new EcpPdu(1, 0, 1, 5, new byte[] {1, 2, 3}), e);
        assertEquals(new EcpPdu(1, 0, 1, 5, new byte[] {1, 2, 3}).hashCode(), e.hashCode());
    }

    @Test
    void timerExponents() {
        assertEquals(Duration.ofNanos(163_840_000), EvbTlv.exponentToDuration(14));
        assertEquals(Duration.ofNanos(10_485_760_000L), EvbTlv.exponentToDuration(20));
    }
}
