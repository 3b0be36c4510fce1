package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;

/**
 * P12: the kit acts as a port extender on the cable, its hosts A and B on the first two E-CIDs
 * (vifs) the operator named (E-CIDs are configured, not negotiated), sends one upstream frame per
 * case, one case at a time, and collects what the peer sends down. Any LLDPDU of the peer's seen
 * meanwhile is searched for the port extension TLV.
 */
final class PortExtensionProbe implements Probe {

    /** How long after each frame its copies are collected before the next is sent (a peer learns meanwhile). */
    static final long CASE_MILLIS = 300;
    /** How long after a format's last frame late or duplicated copies are still collected. */
    static final long SETTLE_MILLIS = 1000;

    static final ProbeInfo INFO = new ProbeInfo("P12", "port extension",
            "as a port extender, per tag format (--tag etag, vntag or both), one frame each (EtherType 0x88b5 with a marker), "
                    + "tagged upstream (E-Tag: E-CID = the source's, GRP 0, Ingress_E-CID 0; VN-Tag: d 0, svif = the source's) "
                    + "from host A = 02:0e:b0:00:0c:0a on the first of --ecids (default 1,2,3) and B = 02:0e:b0:00:0c:0b on the "
                    + "second: B->A so the peer learns B, A->B and B->A known unicast, from A broadcast and multicast "
                    + "(03:0e:b0:00:0c:01), from 02:0e:b0:00:0c:0d on an E-CID not named (the highest free, 4095 by default) "
                    + "to B, and untagged from 02:0e:b0:00:0c:0c to B; with --cascade (E-CIDs behind a further extender) "
                    + "also from host C = 02:0e:b0:00:0c:0e on the first of them: C->A and A->C known unicast and a "
                    + "broadcast from C. Broadcast and multicast only with --allow-flood",
            "per frame what came down: the tag (E-CID and GRP, Ingress_E-CID; VN-Tag d, p, dvif, looped, svif), how many "
                    + "copies, the frame inside intact or not; the port extension TLV if the peer sent LLDP meanwhile. pass: "
                    + "known unicast down once with the destination's point-to-point E-CID, broadcast and multicast down once "
                    + "per other E-CID (the cascade's included) or per group with the source to prune, nothing from the E-CID "
                    + "outside the range; not-supported: "
                    + "nothing came back tagged as a controlling bridge sends it (a hairpin returns frames unchanged, tagged "
                    + "with their source's own E-CID); fail: wrong E-CID, duplicates, A not pruned, an E-CID not reached, a "
                    + "frame from outside the range forwarded",
            true);

    private final long caseMillis;
    private final long settleMillis;

    PortExtensionProbe() {
        this(CASE_MILLIS, SETTLE_MILLIS);
    }

    /** With shorter waits, for a scripted peer that answers on the sending thread. */
    PortExtensionProbe(long caseMillis, long settleMillis) {
        this.caseMillis = caseMillis;
        this.settleMillis = settleMillis;
    }

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        String problem = PortExtensionTable.problem(request.ecids(), request.cascadeEcids(), request.tagFormat());
        if (problem != null) { // the runner checks first; a request built elsewhere still gets a reason
            return new ProbeOutcome(Verdict.NOT_RUN, problem, Map.of());
        }
        int nonce = ThreadLocalRandom.current().nextInt();
        Lldp lldp = new Lldp();
        List<ProbeOutcome> outcomes = new ArrayList<>();
        List<PortExtensionTable.Format> formats = PortExtensionTable.Format.parse(request.tagFormat());
        int outside = 0;
        for (int f = 0; f < formats.size(); f++) {
            PortExtensionTable table = new PortExtensionTable(formats.get(f), request.ecids(), request.cascadeEcids(), nonce + f);
            outside = table.outside();
            List<PortExtensionTable.Case> cases = table.cases();
            for (int i = 0; i < cases.size(); i++) {
                PortExtensionTable.Case c = cases.get(i);
                String name = table.format().key + " " + c.name();
                if (c.floods() && !request.allowFlood() && c.kind() != PortExtensionTable.Kind.LEARNING) {
                    session.note(name + " not sent: it floods, and flooding was not allowed (--allow-flood)");
                    continue;
                }
                session.waiting("sending " + name + " (" + (i + 1) + " of " + cases.size() + "), waiting " + caseMillis
                        + " ms for what comes down");
                String how = c.from() == 0 ? "untagged" : table.format().title + " up from " + table.format().idName + " "
                        + c.from();
                String macs = MacAddress.format(MacAddress.read(c.frame(), 0)) + " from "
                        + MacAddress.format(MacAddress.read(c.frame(), 6));
                if (session.send(c.frame(), name + ": " + how + ", " + macs) != null) {
                    table.sent(i);
                }
                collect(session, table, lldp, caseMillis);
            }
            session.waiting("waiting " + settleMillis + " ms for late or duplicated " + table.format().title + " copies");
            collect(session, table, lldp, settleMillis);
            outcomes.add(table.conclude());
        }
        Map<String, String> common = new LinkedHashMap<>();
        common.put("ecids", request.ecids() + ": A " + request.ecids().get(0) + ", B " + request.ecids().get(1)
                + ", outside the range " + outside);
        common.put("port-extension-tlv", lldp.seen == 0 ? "no LLDPDU from the peer during P12 (P1 listens longer)"
                : lldp.tlv == null ? "absent from the peer's " + lldp.seen + " LLDPDU(s) during P12" : lldp.tlv);
        List<Integer> cascade = request.cascadeEcids();
        common.put("cascade", cascade.isEmpty()
                ? "not probed: no E-CIDs behind a further extender were named (--cascade)"
                : cascade + " behind a further extender below the kit: host C " + cascade.get(0));
        return PortExtensionTable.combine(outcomes, common);
    }

    /** The peer's LLDPDUs during the probe. */
    private static final class Lldp {
        int seen;
        String tlv;
    }

    private static void collect(ProbeSession session, PortExtensionTable table, Lldp lldp, long millis)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Captured c;
        while ((c = session.next(end)) != null) {
            if (!c.in()) {
                continue;
            }
            if (KitFrames.etherType(c.bytes()) == EtherType.LLDP) {
                lldp.seen++;
                String tlv = PortExtensionTable.portExtensionTlv(c.bytes());
                if (tlv != null) {
                    lldp.tlv = LldpInventory.addressName(MacAddress.read(c.bytes(), 0)) + ": " + tlv;
                    session.evidence(c, "LLDPDU with the port extension TLV " + lldp.tlv);
                }
                continue;
            }
            String what = table.received(c.bytes());
            if (what != null) {
                session.evidence(c, what);
            }
        }
    }
}
