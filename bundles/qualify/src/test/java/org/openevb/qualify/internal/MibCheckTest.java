package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.lldp.EvbTlv;

/** P13's comparison of what the switch's EVB MIB says with what its EVB TLV shows. */
class MibCheckTest {

    private static final String AGENT = "192.0.2.1:161";
    /** A bridge's TLV: BGID, RRCAP, R 3, RTE 12, RWD 14, RKA 14, none of them ours. */
    private static final EvbTlv BRIDGE = new EvbTlv(true, true, false, false, false, 0, 3, 12, EvbTlv.BRIDGE, false, 14,
            false, 14, 0, 0, 0);

    private static Snmp.Binding scalar(MibCheck.Scalar s, long v) {
        return new Snmp.Binding(s.oid(), 0x02, Long.toString(v));
    }

    private static List<Snmp.Binding> consistent() {
        List<Snmp.Binding> b = new ArrayList<>();
        b.add(scalar(MibCheck.Scalar.SYS_TYPE, 1));
        b.add(scalar(MibCheck.Scalar.LLDP_TX_ENABLE, 1));
        b.add(scalar(MibCheck.Scalar.LLDP_MANUAL, 2));
        b.add(scalar(MibCheck.Scalar.GID_CAPABLE, 1));
        b.add(scalar(MibCheck.Scalar.ECP_MAX_RETRIES, 3));
        b.add(new Snmp.Binding(MibCheck.EVB_SYS + ".10.1.7.1.5", 0x42, "14"));
        b.add(scalar(MibCheck.Scalar.ECP_ACK_TIMER_EXP, 12));
        b.add(scalar(MibCheck.Scalar.VDP_RWD_EXP, 14));
        b.add(scalar(MibCheck.Scalar.VDP_RKA_EXP, 14));
        return b;
    }

    @Test
    void aMibThatSaysWhatTheWireShowsPasses() {
        ProbeOutcome o = MibCheck.conclude(AGENT, consistent(), null, BRIDGE);
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("the EVB MIB agrees with the wire on 7 object(s)", o.summary());
        assertEquals("MIB evbBridge(1), wire evbBridge(1): agrees", o.values().get("sys-type"));
        assertEquals("MIB false; not shown on the wire", o.values().get("lldp-manual"));
        assertEquals("10.1.7.1.5 = 14", o.values().get("other-objects"));
    }

    @Test
    void aMibThatBelievesOtherTimersThanItSendsFails() {
        List<Snmp.Binding> b = consistent();
        b.set(6, scalar(MibCheck.Scalar.ECP_ACK_TIMER_EXP, 16));
        ProbeOutcome o = MibCheck.conclude(AGENT, b, null, BRIDGE);
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("the switch's MIB contradicts the wire: ieee8021BridgeEvbSysEcpDfltAckTimerExp 16 but the wire shows 12",
                o.summary());
        assertEquals("MIB 16, wire 12: DIFFERS", o.values().get("ecp-ack-timer-exp"));
    }

    @Test
    void aBridgeInTheMibWithNoTlvOnTheWireFails() {
        ProbeOutcome o = MibCheck.conclude(AGENT, consistent(), null, null);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("ieee8021BridgeEvbSysEvbLldpTxEnable true but the wire shows false"), o.summary());
        assertEquals("MIB evbBridge(1); not shown on the wire", o.values().get("sys-type"));
    }

    @Test
    void timersTheBridgeTookFromTheStationAreNotItsOwn() {
        EvbTlv rol = new EvbTlv(true, true, false, false, false, 0, 3, 12, EvbTlv.BRIDGE, true, 20, true, 20, 0, 0, 0);
        ProbeOutcome o = MibCheck.conclude(AGENT, consistent(), null, rol);
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("MIB 14; not shown on the wire", o.values().get("vdp-rwd-exp"));
    }

    @Test
    void anAgentWithoutTheEvbMibOrWithoutAnAnswer() {
        ProbeOutcome none = MibCheck.conclude(AGENT, List.of(), null, BRIDGE);
        assertEquals(Verdict.NOT_SUPPORTED, none.verdict());
        ProbeOutcome silent = MibCheck.conclude(AGENT, List.of(), "no answer from 192.0.2.1:161 to 3 requests of 1000 ms", BRIDGE);
        assertEquals(Verdict.INCONCLUSIVE, silent.verdict());
        assertTrue(silent.summary().startsWith("no EVB MIB read from 192.0.2.1:161: no answer"), silent.summary());
        ProbeOutcome nothingToCompare = MibCheck.conclude(AGENT, List.of(scalar(MibCheck.Scalar.LLDP_MANUAL, 2)), null, BRIDGE);
        assertEquals(Verdict.INCONCLUSIVE, nothingToCompare.verdict());
    }
}
