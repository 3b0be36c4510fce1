package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.qualify.internal.Peers.OUR_MAC;
import static org.openevb.qualify.internal.Peers.peerLldpdu;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.OrgTlv;

/** P1's rules on frames alone. */
class LldpInventoryTest {

    private static final EvbTlv BRIDGE = new EvbTlv(false, true, false, false, false, 0, 3, 14, EvbTlv.BRIDGE, false, 20,
            false, 20);

    @Test
    void aBridgeWithTheEvbTlvOnTheCustomerAddressAndCdcpOnTheNonTpmrOne() {
        LldpInventory p1 = new LldpInventory(OUR_MAC);
        p1.received(1_000, peerLldpdu(MacAddress.NEAREST_BRIDGE, 120));
        String evidence = p1.received(1_100, peerLldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, 120, BRIDGE.toTlv()));
        p1.received(1_200, peerLldpdu(MacAddress.NEAREST_NON_TPMR_BRIDGE, 120,
                new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 167, List.of(new ChannelPair(1, 1))).toTlv()));
        p1.received(31_000, peerLldpdu(MacAddress.NEAREST_BRIDGE, 120));
        p1.received(61_500, peerLldpdu(MacAddress.NEAREST_BRIDGE, 120));
        assertTrue(evidence.contains("evb"), evidence);

        ProbeOutcome o = p1.conclude(70);
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("02:aa:00:00:00:01", o.values().get("chassis-id"));
        assertEquals("swp7", o.values().get("port-id"));
        assertEquals("120 s", o.values().get("ttl"));
        assertEquals("chassis-id, port-id, ttl, system-name", o.values().get("tlvs.nearest-bridge"));
        assertEquals("chassis-id, port-id, ttl, system-name, evb", o.values().get("tlvs.nearest-customer-bridge"));
        assertEquals("30.0 s (gaps 30.0, 30.5 s)", o.values().get("interval.nearest-bridge"));
        assertTrue(o.values().get("evb-tlv").equals("nearest-customer-bridge: bridge rrcap R3 RTE14 RWD20 RKA20"),
                o.values().get("evb-tlv"));
        assertTrue(o.values().get("cdcp-tlv").equals("nearest-nontpmr-bridge: B scomp chncap 167: 1:1"),
                o.values().get("cdcp-tlv"));
        assertEquals("absent", o.values().get("evb-prestandard-tlv"));
        assertEquals("absent", o.values().get("port-extension-tlv"));
        assertTrue(o.summary().contains("EVB TLV, CDCP TLV"), o.summary());
    }

    @Test
    void thePortExtensionTlvIsNamedAndKept() {
        LldpInventory p1 = new LldpInventory(OUR_MAC);
        LldpTlv pe = new OrgTlv(OrgTlv.OUI_IEEE_8021, LldpInventory.PORT_EXTENSION_SUBTYPE, new byte[] {1, 2}).toTlv();
        p1.received(0, peerLldpdu(MacAddress.NEAREST_BRIDGE, 120, pe));
        ProbeOutcome o = p1.conclude(5);
        assertEquals("nearest-bridge: 0080c20f0102", o.values().get("port-extension-tlv"));
        assertEquals("not measured (one LLDPDU)", o.values().get("interval.nearest-bridge"));
    }

    @Test
    void theIntervalLeavesOutTheGapsOfFastTransmission() {
        // lldpad seeing us: four LLDPDUs a second apart, then its 30 s interval
        assertEquals("30.3 s (gaps 1.0, 1.0, 1.0, 30.3 s)", LldpInventory.interval(List.of(0L, 1000L, 2000L, 3000L, 33_300L)));
        assertEquals("not measured: fast transmission only (gaps 1.0 s)", LldpInventory.interval(List.of(0L, 1000L)));
    }

    @Test
    void aPeerThatSendsNothingDoesNotSupportLldpAndOurOwnLldpdusComingBackAreCountedNotTakenForItsOwn() {
        LldpInventory p1 = new LldpInventory(OUR_MAC);
        String evidence = p1.received(0, KitFrames.lldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, OUR_MAC, "up", 20, List.of()));
        assertTrue(evidence.contains("came back"), evidence);
        ProbeOutcome o = p1.conclude(10);
        assertEquals(Verdict.NOT_SUPPORTED, o.verdict());
        assertEquals("1", o.values().get("own-lldpdus-returned"));
        assertTrue(o.summary().contains("forwards LLDP"), o.summary());
    }

    @Test
    void everyTruncationOfAValidLldpduIsCountedAsMalformedNeverThrown() {
        byte[] valid = peerLldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, 120, BRIDGE.toTlv());
        for (int n = 0; n < valid.length - 2; n++) {
            LldpInventory p1 = new LldpInventory(OUR_MAC);
            p1.received(0, Arrays.copyOf(valid, n));
            ProbeOutcome o = p1.conclude(1);
            // a cut inside the last TLVs may still decode as a shorter valid LLDPDU; it never throws
            assertTrue(o.verdict() == Verdict.FAIL || o.verdict() == Verdict.PASS, n + ": " + o);
        }
        LldpInventory p1 = new LldpInventory(OUR_MAC);
        p1.received(0, Arrays.copyOf(valid, 20));
        assertEquals(Verdict.FAIL, p1.conclude(1).verdict());
        assertEquals("1", p1.conclude(1).values().get("malformed"));
    }
}
