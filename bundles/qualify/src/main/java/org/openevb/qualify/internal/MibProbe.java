package org.openevb.qualify.internal;

import java.net.InetSocketAddress;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;

/**
 * P13: what the switch reports about itself over SNMP (the IEEE8021-EVB-MIB's system objects)
 * against the EVB TLV it sends on the cable. Optional: runs only when the request names an agent.
 */
final class MibProbe implements Probe {

    static final ProbeInfo INFO = new ProbeInfo("P13", "management cross-check",
            "the EVB TLV exchange as a station (as P6-P9: our LLDPDU to the nearest customer bridge once a second, R 0, "
                    + "RTE 0, RWD 0, RKA 0, up to 10 s; then a shutdown LLDPDU); then, not on the port but over IP, SNMPv2c "
                    + "GetNext requests walking ieee8021BridgeEvbSys (1.3.111.2.802.1.1.24.1.1) at the --snmp agent with "
                    + "the --community (at most 256 objects, each request 1 s, 3 tries)",
            "each system object of the IEEE8021-EVB-MIB against the wire: SysType against the TLV's mode, "
                    + "EvbLldpTxEnable against a TLV seen at all, EvbLldpGidCapable against BGID, EcpMaxRetries, "
                    + "EcpDfltAckTimerExp, VdpDfltRsrcWaitDelayExp and VdpDfltReinitKeepAliveExp against R, RTE, RWD "
                    + "and RKA. pass: every object the wire shows agrees; fail: one differs; not-supported: the agent has "
                    + "none of the EVB system objects; inconclusive: no answer from the agent, or nothing to compare",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public String needs(QualifyRequest request) {
        return request.snmpAgent().isEmpty() ? "needs --snmp ADDRESS (the switch's SNMP agent)" : null;
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        VdpLink link = new VdpLink(session);
        try {
            link.negotiate();
        } finally {
            link.shutdown();
        }
        InetSocketAddress agent = SnmpWalker.address(request.snmpAgent());
        String where = agent.getHostString() + ":" + agent.getPort();
        session.waiting("walking the IEEE8021-EVB-MIB at " + where + " (SNMPv2c)");
        SnmpWalker.Walk walk = SnmpWalker.walk(agent, request.snmpCommunity(), MibCheck.EVB_SYS);
        session.note("SNMP walk of ieee8021BridgeEvbSys at " + where + ": " + walk.bindings().size() + " object(s) in "
                + walk.requests() + " request(s)" + (walk.error() == null ? "" : "; " + walk.error()));
        return MibCheck.conclude(where, walk.bindings(), walk.error(), link.peer());
    }
}
