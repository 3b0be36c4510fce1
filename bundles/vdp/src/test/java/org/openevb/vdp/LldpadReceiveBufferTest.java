package org.openevb.vdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openevb.vdp.Fixtures.TIMERS;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openevb.api.vdp.EcpCounter;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.ecp.EcpAction;
import org.openevb.ecp.EcpEntity;

/**
 * Our station against a bridge that receives VDP the way lldpad does: its ECP acknowledges a
 * request at once and copies the VDP PDU into the one input buffer of the port, which VDP reads
 * 2 ms later (lldpad {@code vdp22.c}: {@code data_from_ecp} memcpy into {@code vdp->input}, then
 * {@code vdp22_from_ecp22} registers a 2 ms timeout). A second request within those 2 ms
 * overwrites the first: the first is acknowledged and never answered, the second answered twice.
 * Seen against lldpad's bridge: two VSIs whose keep-alives fell due together, the second sent the
 * moment the first was acknowledged; the first waited out its response time and ended.
 */
class LldpadReceiveBufferTest {

    private static final long LATENCY = 50_000;
    private static final long LLDPAD_VDP_DELAY = 2_000_000;

    private record Event(long at, long order, Runnable run) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long order;

    private final VdpStation station = new VdpStation(TIMERS);
    private EcpEntity stationEcp;
    private final VdpBridge bridge = new VdpBridge("p1", TIMERS, Fixtures.types(8), new LocalVsiRegistry(), false);
    private final EcpEntity bridgeEcp = new EcpEntity(Set.of(EcpPdu.SUBTYPE_VDP), 3, 14, 64);
    /** lldpad's {@code vdp->input}: one buffer per port. */
    private byte[] lldpadInput;
    private final List<Integer> answeredSequences = new ArrayList<>();

    private void at(long when, Runnable r) {
        events.add(new Event(when, order++, r));
    }

    private void toBridge(EcpPdu pdu) {
        byte[] b = pdu.encode();
        at(now + LATENCY, () -> bridgeEcp(bridgeEcp.received(b, 0, b.length, now)));
    }

    private void toStation(EcpPdu pdu) {
        byte[] b = pdu.encode();
        at(now + LATENCY, () -> stationEcp(stationEcp.received(b, 0, b.length, now)));
    }

    private void stationEcp(List<EcpAction> actions) {
        for (EcpAction a : actions) {
            if (a instanceof EcpAction.Transmit t) {
                toBridge(t.pdu());
            } else if (a instanceof EcpAction.Deliver d) {
                stationVdp(station.received(d.ulpdu(), now));
            }
        }
    }

    private void stationVdp(List<VdpAction> actions) {
        for (VdpAction a : actions) {
            if (a instanceof VdpAction.Send s) {
                stationEcp(stationEcp.send(EcpPdu.SUBTYPE_VDP, s.pdu().encode(), now));
            }
        }
    }

    private void bridgeEcp(List<EcpAction> actions) {
        for (EcpAction a : actions) {
            if (a instanceof EcpAction.Transmit t) {
                toStation(t.pdu());
            } else if (a instanceof EcpAction.Deliver d) {
                answeredSequences.add(d.sequence());
                lldpadInput = d.ulpdu().clone();
                at(now + LLDPAD_VDP_DELAY, () -> {
                    for (VdpAction v : bridge.received(lldpadInput, now)) {
                        if (v instanceof VdpAction.Send s) {
                            bridgeEcp(bridgeEcp.send(EcpPdu.SUBTYPE_VDP, s.pdu().encode(), now));
                        }
                    }
                });
            }
        }
    }

    /** Runs events and timers in 100 µs steps until {@code end}. */
    private void runUntil(long end) {
        while (now < end) {
            now += 100_000;
            while (!events.isEmpty() && events.peek().at() <= now) {
                Event e = events.poll();
                e.run().run();
            }
            stationEcp(stationEcp.tick(now));
            bridgeEcp(bridgeEcp.tick(now));
            stationVdp(station.tick(now));
        }
    }

    /** Two VSIs asked at the same moment, as two keep-alives falling due together. */
    private void twoAssociatesAtOnce(long spacingNanos) {
        stationEcp = new EcpEntity(Set.of(EcpPdu.SUBTYPE_VDP), 3, 14, 64, spacingNanos);
        Vsi web = Fixtures.vsi(1, 0x020000000a01L, 100);
        Vsi db = Fixtures.vsi(2, 0x020000000a02L, 101);
        stationVdp(station.command(web, VdpCommand.ASSOCIATE, 0, now));
        stationVdp(station.command(db, VdpCommand.ASSOCIATE, 0, now));
        runUntil(now + 1_000_000_000L);
    }

    @Test
    void withoutSpacingTheFirstRequestIsLostInLldpadsBuffer() {
        twoAssociatesAtOnce(0);
        Vsi web = Fixtures.vsi(1, 0x020000000a01L, 100);
        Vsi db = Fixtures.vsi(2, 0x020000000a02L, 101);
        assertEquals(List.of(1, 2), answeredSequences, "both requests acknowledged and handed to VDP");
        assertNull(bridge.status(web.id()), "the first was overwritten before VDP read it");
        assertNotNull(station.status(web.id()).pending(), "and waits for an answer that will not come");
        assertEquals(VsiState.ASSOCIATED, station.status(db.id()).state());
    }

    @Test
    void spacedRequestsAreEachAnswered() {
        twoAssociatesAtOnce(EcpEntity.LLDPAD_SAFE_SPACING_NANOS);
        Vsi web = Fixtures.vsi(1, 0x020000000a01L, 100);
        Vsi db = Fixtures.vsi(2, 0x020000000a02L, 101);
        assertEquals(VsiState.ASSOCIATED, station.status(web.id()).state());
        assertEquals(VsiState.ASSOCIATED, station.status(db.id()).state());
        assertEquals(VsiState.ASSOCIATED, bridge.status(web.id()).state());
        assertEquals(VsiState.ASSOCIATED, bridge.status(db.id()).state());
        assertEquals(2, stationEcp.counter(EcpCounter.ACKNOWLEDGED));
        assertEquals(0, stationEcp.counter(EcpCounter.RETRANSMITTED));
    }
}
