package org.openevb.qualify.internal;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;

/**
 * P3: sends one frame of each kind from MAC A (after teaching the peer A and B) and collects the
 * copies that come back on the same port. One frame per case, one case at a time: bounded load
 * even on a peer that floods everything back.
 */
final class HairpinProbe implements Probe {

    /** How long after each frame its copies are collected before the next is sent (a peer learns meanwhile). */
    static final long CASE_MILLIS = 300;
    /** How long after the last frame late or duplicated copies are still collected. */
    static final long SETTLE_MILLIS = 1000;

    static final ProbeInfo INFO = new ProbeInfo("P3", "hairpin truth table",
            "from MAC A = 02:0e:b0:00:00:0a (locally administered), one frame each: B->A and A->B to teach the peer both "
                    + "MACs, then known unicast to B, unknown unicast, broadcast, multicast (03:0e:b0:00:00:01), C-tagged "
                    + "(VID 100), S-tagged (0x88a8, VID 100) and priority-tagged (PCP 5, VID 0) to B; EtherType 0x88b5. "
                    + "Unknown unicast, broadcast and multicast only with --allow-flood",
            "for each frame: reflected or not, how many copies, modified or not (tags and bytes). pass: untagged frames "
                    + "reflected once and unmodified; not-supported: nothing reflected; fail: duplicated, changed or partial",
            true);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        HairpinTable table = new HairpinTable(ThreadLocalRandom.current().nextInt());
        List<HairpinTable.Case> cases = table.cases();
        for (int i = 0; i < cases.size(); i++) {
            HairpinTable.Case c = cases.get(i);
            if (c.floods() && !request.allowFlood() && !HairpinTable.LEARNING.contains(c.name())) {
                session.note(c.name() + " not sent: it floods, and flooding was not allowed (--allow-flood)");
                continue;
            }
            session.waiting("sending " + c.name() + " (" + (i + 1) + " of " + cases.size() + "), waiting "
                    + CASE_MILLIS + " ms for copies");
            if (session.send(c.frame(), c.name() + ": " + HairpinTable.header(c.frame())) != null) {
                table.sent(i);
            }
            collect(session, table, CASE_MILLIS);
        }
        session.waiting("waiting " + SETTLE_MILLIS + " ms for late or duplicated copies");
        collect(session, table, SETTLE_MILLIS);
        return table.conclude();
    }

    private static void collect(ProbeSession session, HairpinTable table, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Captured c;
        while ((c = session.next(end)) != null) {
            if (c.in()) {
                String what = table.received(c.bytes());
                if (what != null) {
                    session.evidence(c, what);
                }
            }
        }
    }
}
