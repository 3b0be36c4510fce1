package org.openevb.lldp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgentCounters;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.ChassisIdTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.PortIdTlv;
import org.openevb.codec.lldp.TtlTlv;
import org.openevb.port.internal.PortRegistryImpl;

/**
 * One LLDP agent driven by a clock the test sets (nanoseconds from 0): transmission timing,
 * neighbours ageing out, shutdown LLDPDUs and counters, without a thread or a real second.
 */
class AgentTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long OUR_MAC = 0x0200_0000_00aaL;
    private static final long PEER_MAC = 0x0200_0000_00bbL;

    private final PortRegistryImpl directory = new PortRegistryImpl();
    private final LldpServiceImpl service = new LldpServiceImpl(directory);
    private final List<byte[]> sent = new ArrayList<>();
    private volatile PortState portState = PortState.UP;
    private final Port port = (Port) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Port.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "name" -> "up";
                case "state" -> portState;
                case "macAddress" -> OUR_MAC;
                case "send" -> sent.add(((Frame) args[0]).toByteArray());
                default -> null;
            });

    @AfterEach
    void tearDown() {
        service.deactivate();
        directory.deactivate();
    }

    private Agent agent(long now) {
        return new Agent(service, port, LldpAddress.NEAREST_BRIDGE, LldpSettings.DEFAULTS, now);
    }

    /** When the agent sent, in seconds, while ticking every 100 ms from 0 to {@code seconds}. */
    private static List<Double> sendTimes(Agent a, List<byte[]> sent, int seconds) {
        List<Double> at = new ArrayList<>();
        for (long t = 0; t <= seconds * S; t += S / 10) {
            int before = sent.size();
            a.tick(t);
            if (sent.size() > before) {
                at.add(t / (double) S);
            }
        }
        return at;
    }

    private static int ttlOf(byte[] frame) throws CodecException {
        Lldpdu pdu = Lldpdu.decode(frame, 14, frame.length - 14);
        return TtlTlv.decode(pdu.tlvs().get(2)).seconds();
    }

    /** An LLDPDU from the peer, whole frame. */
    private static byte[] fromPeer(int ttl) {
        byte[] body = Lldpdu.of(ChassisIdTlv.ofMac(PEER_MAC).toTlv(),
                new PortIdTlv(PortIdTlv.INTERFACE_NAME, "swp1".getBytes(StandardCharsets.UTF_8)).toTlv(),
                new TtlTlv(ttl).toTlv()).encode();
        byte[] frame = new byte[14 + body.length];
        MacAddress.write(LldpAddress.NEAREST_BRIDGE.mac(), frame, 0);
        MacAddress.write(PEER_MAC, frame, 6);
        frame[12] = (byte) (EtherType.LLDP >> 8);
        frame[13] = (byte) EtherType.LLDP;
        System.arraycopy(body, 0, frame, 14, body.length);
        return frame;
    }

    @Test
    void startsFastThenEveryTxInterval() throws Exception {
        Agent a = agent(0);
        // defaults: 4 fast LLDPDUs one second apart, then one every 30 s; TTL 30 * 4 + 1
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 34.0, 64.0, 94.0), sendTimes(a, sent, 100));
        assertEquals(121, ttlOf(sent.get(0)));
        assertEquals(8, a.counters().framesOut());
    }

    @Test
    void aNeighbourAgesOutWhenItsTtlRunsOutAndANewOneBringsFastTransmission() throws Exception {
        Agent a = agent(0);
        sendTimes(a, sent, 10);
        sent.clear();
        a.received(fromPeer(120), 10 * S);
        assertEquals(1, a.neighbours().size());
        assertEquals(1, a.counters().inserts());
        a.tick(10 * S);
        assertEquals(1, sent.size(), "a new neighbour hears from us at once (fast start)");
        a.tick(129 * S);
        assertEquals(1, a.neighbours().size(), "119 s after its LLDPDU the neighbour is still there");
        a.tick(131 * S);
        assertEquals(0, a.neighbours().size(), "gone 120 s after its last LLDPDU");
        LldpAgentCounters c = a.counters();
        assertEquals(1, c.ageouts());
        assertEquals(1, c.deletes());
    }

    @Test
    void aPeerShutdownRemovesItAtOnceAndOursSaysTtlZero() throws Exception {
        Agent a = agent(0);
        a.received(fromPeer(120), 0);
        a.received(fromPeer(0), S);
        assertEquals(0, a.neighbours().size(), "a shutdown LLDPDU (TTL 0) removes the neighbour");
        assertEquals(1, a.counters().deletes());
        assertEquals(0, a.counters().ageouts());

        sent.clear();
        a.settings(new LldpSettings(List.of(), "", LldpSettings.DEFAULTS.addresses(), "rx", 30, 4, 1, 4, "", 8,
                List.of()), 2 * S);
        assertEquals(1, sent.size(), "no longer transmitting: one shutdown LLDPDU");
        assertEquals(0, ttlOf(sent.get(0)));
        assertEquals(1, a.counters().shutdownsOut());
        sendTimes(a, sent, 100);
        assertEquals(1, sent.size(), "and nothing after it");
    }

    @Test
    void malformedAndLoopedLldpdusAreCountedNotNeighbours() throws Exception {
        Agent a = agent(0);
        byte[] cut = fromPeer(120);
        a.received(java.util.Arrays.copyOf(cut, 20), 0);
        byte[] ours = fromPeer(120);
        MacAddress.write(OUR_MAC, ours, 6);
        a.received(ours, 0);
        assertEquals(0, a.neighbours().size());
        assertEquals(1, a.counters().framesDiscarded());
        assertEquals(1, a.counters().looped());
        assertEquals(0, a.counters().framesIn());
    }

    @Test
    void aPortThatIsNotUpLosesItsNeighboursAtOnceAndStartsFastWhenUpAgain() throws Exception {
        Agent a = agent(0);
        sendTimes(a, sent, 10);
        a.received(fromPeer(120), 10 * S);
        assertEquals(1, a.neighbours().size());

        portState = PortState.DOWN; // the link lost its carrier
        sent.clear();
        a.tick(10 * S + S / 10);
        assertEquals(0, a.neighbours().size(), "forgotten at the first tick, not when its TTL runs out");
        assertEquals(1, a.counters().deletes());
        assertEquals(0, a.counters().ageouts());
        a.received(fromPeer(120), 11 * S);
        assertEquals(0, a.neighbours().size(), "nothing learned while the port is not operational");
        for (long t = 11 * S; t <= 50 * S; t += S / 10) {
            a.tick(t);
        }
        assertEquals(0, sent.size(), "nothing sent while the port is not operational");

        portState = PortState.UP;
        List<Double> at = new ArrayList<>();
        for (long t = 60 * S; t <= 100 * S; t += S / 10) {
            int before = sent.size();
            a.tick(t);
            if (sent.size() > before) {
                at.add(t / (double) S);
            }
        }
        assertEquals(List.of(60.0, 61.0, 62.0, 63.0, 64.0, 94.0), at, "at once and fast again, then every 30 s");
        a.received(fromPeer(120), 100 * S);
        assertEquals(1, a.neighbours().size(), "learned again once UP");
    }
}
