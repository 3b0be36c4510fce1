package org.openevb.vdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.openevb.vdp.Fixtures.TIMERS;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openevb.api.vdp.EcpCounter;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.ecp.EcpAction;

/**
 * Station and bridge, each with ECP, on a link that loses 30% of the frames in each direction
 * (seeded): 1000 VDP exchanges, each completing, or ending as the standard says after R
 * retransmissions or the response wait, and nothing delivered twice to VDP.
 */
class LossTest {

    private static final int EXCHANGES = 1000;

    @Test
    void thirtyPercentLossBothWays() throws Exception {
        Wire wire = new Wire(20261201L, 0.30);
        Wire.Node station = wire.station("s1", TIMERS);
        Wire.Node bridge = wire.bridge("p1", TIMERS, Fixtures.types(4), new LocalVsiRegistry());
        Wire.connect(station, bridge);
        Vsi vsi = Fixtures.vsi(1, 0x020000000a01L, 100);
        long ack = TIMERS.ackTimerNanos();
        int r = TIMERS.r();
        long wait = TIMERS.responseWaitNanos();
        Map<StationOutcome, Integer> outcomes = new EnumMap<>(StationOutcome.class);

        for (int i = 0; i < EXCHANGES; i++) {
            VdpCommand command = i % 2 == 0 ? VdpCommand.ASSOCIATE : VdpCommand.DE_ASSOCIATE;
            long start = wire.now;
            int gaveUpBefore = station.gaveUp.size();
            station.command(vsi, command, 0);
            assertTrue(wire.runWhile(() -> station.station.status(vsi.id()).pending() != null, start + wait),
                    "exchange " + i + " still waiting after the response wait");
            StationVsiStatus s = station.station.status(vsi.id());
            long took = wire.now - start;
            switch (s.lastOutcome()) {
                case SUCCESS -> {
                    assertEquals(command.result(), s.state(), "exchange " + i);
                    assertTrue(took < wait);
                }
                case ECP_GAVE_UP -> {
                    EcpAction.GaveUp g = null;
                    long at = 0;
                    for (int k = gaveUpBefore; k < station.gaveUp.size(); k++) {
                        EcpAction.GaveUp c = station.gaveUp.get(k);
                        byte[] u = c.ulpdu();
                        if (VdpPdu.decode(u, 0, u.length).vsi().orElseThrow().type() == command.tlvType()) {
                            g = c;
                            at = station.gaveUpAt.get(k);
                        }
                    }
                    assertTrue(g != null, "exchange " + i + " ended by ECP without a give-up of its request");
                    assertEquals(r + 1, g.transmissions(), "exchange " + i);
                    assertEquals(r + 1, station.transmissions.get(g.sequence()));
                    assertEquals(station.firstSent.get(g.sequence()) + (r + 1) * ack, at);
                    assertEquals(VsiState.DEASSOCIATED, s.state());
                }
                case TIMEOUT -> {
                    assertEquals(wait, took, "exchange " + i + " timed out early or late");
                    assertEquals(VsiState.DEASSOCIATED, s.state());
                }
                default -> fail("exchange " + i + " ended " + s.lastOutcome() + " " + s.lastResponse());
            }
            outcomes.merge(s.lastOutcome(), 1, Integer::sum);
        }
        wire.runUntil(wire.now + 10 * ack); // let the last retransmissions finish

        // ECP on both sides: every give-up after exactly 1 + R transmissions, R acknowledgement timers apart
        for (Wire.Node n : List.of(station, bridge)) {
            for (int k = 0; k < n.gaveUp.size(); k++) {
                EcpAction.GaveUp g = n.gaveUp.get(k);
                assertEquals(r + 1, g.transmissions(), n.name);
                assertEquals(n.firstSent.get(g.sequence()) + (r + 1) * ack, (long) n.gaveUpAt.get(k), n.name);
            }
            for (int t : n.transmissions.values()) {
                assertTrue(t <= r + 1, n.name + ": a request sent " + t + " times");
            }
            // nothing delivered twice to VDP; the duplicates ECP saw were acknowledged only
            assertEquals(n.delivered.size(), new HashSet<>(n.delivered).size(), n.name + ": duplicate delivery");
            assertEquals(n.delivered.size(), n.ecp.counter(EcpCounter.DELIVERED));
            assertTrue(n.ecp.counter(EcpCounter.DUPLICATES) > 0, n.name + ": the loss never caused a retransmitted duplicate");
            assertEquals(n.gaveUp.size(), n.ecp.counter(EcpCounter.GIVEN_UP));
        }

        assertEquals(EXCHANGES, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(outcomes.getOrDefault(StationOutcome.SUCCESS, 0) > EXCHANGES / 2, outcomes.toString());
        assertTrue(outcomes.getOrDefault(StationOutcome.ECP_GAVE_UP, 0) > 0, outcomes.toString());
        assertTrue(outcomes.getOrDefault(StationOutcome.TIMEOUT, 0) > 0, outcomes.toString());
        double lossRate = (double) wire.lost / wire.frames;
        assertTrue(lossRate > 0.27 && lossRate < 0.33, "loss " + lossRate);
        System.out.printf("ECP/VDP under 30%% loss: %d exchanges %s; frames %d, lost %d (%.1f%%); "
                + "station ECP %s; bridge ECP %s; simulated %.1f s%n", EXCHANGES, outcomes, wire.frames, wire.lost,
                100 * lossRate, station.ecp.counters(), bridge.ecp.counters(), (wire.now - Wire.T0) / 1e9);

        // the link heals: the next associate completes and both sides agree
        wire.loss = 0;
        station.command(vsi, VdpCommand.ASSOCIATE, 0);
        wire.runWhile(() -> station.station.status(vsi.id()).pending() != null, wire.now + wait);
        assertEquals(VsiState.ASSOCIATED, station.station.status(vsi.id()).state());
        assertEquals(VsiState.ASSOCIATED, bridge.bridge.status(vsi.id()).state());
    }
}
