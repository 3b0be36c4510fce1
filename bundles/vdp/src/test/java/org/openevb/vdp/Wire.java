package org.openevb.vdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.openevb.codec.ecp.EcpPdu;
import org.openevb.ecp.EcpAction;
import org.openevb.ecp.EcpEntity;

/**
 * A station and any number of bridge ports, each with its own ECP entity, joined by simulated
 * links that can lose frames (seeded), on a simulated clock: what a port component will do with
 * the actions, minus the I/O. Frames are padded to the Ethernet minimum as on the wire.
 */
final class Wire {

    static final long T0 = 5_000_000_000L;
    /** One-way latency of every link. */
    static final long LATENCY = 50_000;

    long now = T0;
    final Random random;
    double loss;
    long frames;
    long lost;
    private long order;
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>();
    private final List<Node> nodes = new ArrayList<>();

    private record InFlight(long at, long order, Node to, byte[] ecp) implements Comparable<InFlight> {
        @Override
        public int compareTo(InFlight o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }
    }

    Wire(long seed, double loss) {
        this.random = new Random(seed);
        this.loss = loss;
    }

    /** One end of a link: an ECP entity and a VDP role. */
    final class Node {
        final String name;
        final EcpEntity ecp;
        final VdpStation station;
        final VdpBridge bridge;
        Node peer;
        /** ECP sequences delivered to VDP, in order. */
        final List<Integer> delivered = new ArrayList<>();
        /** Transmissions of each own request, by sequence. */
        final Map<Integer, Integer> transmissions = new HashMap<>();
        final Map<Integer, Long> firstSent = new HashMap<>();
        final List<EcpAction.GaveUp> gaveUp = new ArrayList<>();
        final List<Long> gaveUpAt = new ArrayList<>();
        final List<VdpAction.Changed> changes = new ArrayList<>();
        int lastSequence;

        Node(String name, VdpTimers t, VdpStation station, VdpBridge bridge) {
            this.name = name;
            this.ecp = new EcpEntity(Set.of(EcpPdu.SUBTYPE_VDP), t.r(), t.rte(), EcpEntity.DEFAULT_QUEUE_LIMIT);
            this.station = station;
            this.bridge = bridge;
            nodes.add(this);
        }

        void ecp(List<EcpAction> actions) {
            for (EcpAction a : actions) {
                if (a instanceof EcpAction.Transmit t) {
                    EcpPdu pdu = t.pdu();
                    if (pdu.isRequest()) {
                        lastSequence = pdu.sequence();
                        transmissions.merge(pdu.sequence(), 1, Integer::sum);
                        firstSent.putIfAbsent(pdu.sequence(), now);
                    }
                    transmit(peer, pdu.encode());
                } else if (a instanceof EcpAction.Deliver d) {
                    delivered.add(d.sequence());
                    vdp(station != null ? station.received(d.ulpdu(), now) : bridge.received(d.ulpdu(), now));
                } else if (a instanceof EcpAction.GaveUp g) {
                    gaveUp.add(g);
                    gaveUpAt.add(now);
                    if (station != null) {
                        vdp(station.ecpGaveUp(g.ulpdu(), now));
                    }
                }
            }
        }

        void vdp(List<VdpAction> actions) {
            for (VdpAction a : actions) {
                if (a instanceof VdpAction.Send s) {
                    ecp(ecp.send(EcpPdu.SUBTYPE_VDP, s.pdu().encode(), now));
                } else if (a instanceof VdpAction.Changed c) {
                    changes.add(c);
                }
            }
        }

        long deadline() {
            return Math.min(ecp.nextDeadline(), station != null ? station.nextDeadline() : bridge.nextDeadline());
        }

        void tick() {
            ecp(ecp.tick(now));
            vdp(station != null ? station.tick(now) : bridge.tick(now));
        }

        /** Gives the station a command now. */
        void command(Vsi vsi, VdpCommand command, int hints) {
            vdp(station.command(vsi, command, hints, now));
        }
    }

    Node station(String name, VdpTimers t) {
        return new Node(name, t, new VdpStation(t), null);
    }

    Node bridge(String name, VdpTimers t, VsiTypeDatabase types, VsiRegistry registry) {
        return new Node(name, t, null, new VdpBridge(name, t, types, registry, false));
    }

    static void connect(Node a, Node b) {
        a.peer = b;
        b.peer = a;
    }

    private void transmit(Node to, byte[] ecp) {
        frames++;
        if (to == null || (loss > 0 && random.nextDouble() < loss)) {
            lost++;
            return;
        }
        // the 46-byte minimum Ethernet payload, zero-padded
        byte[] wire = ecp.length < 46 ? Arrays.copyOf(ecp, 46) : ecp;
        inFlight.add(new InFlight(now + LATENCY, order++, to, wire));
    }

    /** Runs every event due up to {@code until}, then sets the clock there. */
    void runUntil(long until) {
        while (step(until)) {
            // next event
        }
        now = Math.max(now, until);
    }

    /** Runs events while {@code condition} holds, at most until {@code limit}; false if the limit was hit. */
    boolean runWhile(BooleanSupplier condition, long limit) {
        while (condition.getAsBoolean()) {
            if (!step(limit)) {
                return false;
            }
        }
        return true;
    }

    private boolean step(long limit) {
        long next = Long.MAX_VALUE;
        InFlight f = inFlight.peek();
        if (f != null) {
            next = f.at;
        }
        for (Node n : nodes) {
            next = Math.min(next, n.deadline());
        }
        if (next > limit) {
            return false;
        }
        now = Math.max(now, next);
        while (!inFlight.isEmpty() && inFlight.peek().at <= now) {
            InFlight g = inFlight.poll();
            g.to.ecp(g.to.ecp.received(g.ecp, 0, g.ecp.length, now));
        }
        for (Node n : nodes) {
            if (n.deadline() <= now) {
                n.tick();
            }
        }
        return true;
    }
}
