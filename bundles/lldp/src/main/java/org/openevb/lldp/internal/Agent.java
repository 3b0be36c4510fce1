package org.openevb.lldp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpAgentCounters;
import org.openevb.api.lldp.LldpExtension;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.ChassisIdTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.PortIdTlv;
import org.openevb.codec.lldp.TtlTlv;

/**
 * One LLDP agent (802.1AB): one port, one group address. Runs only on the LLDP thread, so its
 * state needs no locks; what commands read is published as immutable snapshots.
 */
final class Agent implements LldpAgent {

    private static final int HEADER = 14;

    private final LldpServiceImpl service;
    private final Port port;
    private final LldpAddress address;
    private final Frame txFrame = new Frame(1600);
    private final Map<String, Entry> neighbours = new LinkedHashMap<>();
    private volatile LldpSettings settings;
    private volatile List<Entry> snapshot = List.of();
    private volatile Counters counters = new Counters();
    private long nextTx;
    private int fastRemaining;
    private byte[] lastSent = new byte[0];
    /** Whether the port was UP at the last tick (802.1AB's portEnabled). */
    private boolean portEnabled = true;

    /** A neighbour and when it expires (System.nanoTime). */
    private record Entry(LldpNeighbour neighbour, long receivedAt, long expiresAt) {
    }

    /** Mutable on the LLDP thread; read whole by {@link #counters()}. */
    private static final class Counters {
        volatile long framesOut;
        volatile long shutdownsOut;
        volatile long framesIn;
        volatile long framesDiscarded;
        volatile long tlvsUnrecognized;
        volatile long ageouts;
        volatile long inserts;
        volatile long deletes;
        volatile long tooMany;
        volatile long looped;
    }

    Agent(LldpServiceImpl service, Port port, LldpAddress address, LldpSettings settings, long now) {
        this.service = service;
        this.port = port;
        this.address = address;
        this.settings = settings;
        // a new agent starts with fast transmission so the neighbour learns of it quickly
        this.nextTx = now;
        this.fastRemaining = settings.txFastCount();
    }

    Port portRef() {
        return port;
    }

    void settings(LldpSettings next, long now) {
        LldpSettings previous = settings;
        settings = next;
        if (transmits(previous) && !transmits(next)) {
            sendShutdown();
        } else if (!previous.equals(next)) {
            nextTx = now;
        }
    }

    private static boolean transmits(LldpSettings s) {
        return s.adminStatus().equals("rxtx") || s.adminStatus().equals("tx");
    }

    private boolean receives() {
        String a = settings.adminStatus();
        return a.equals("rxtx") || a.equals("rx");
    }

    // ---- LLDP thread ----

    /**
     * Sends when due, and ages out neighbours. A port that is not UP (its link lost its carrier,
     * or it closed) is not operational: its neighbours are forgotten at once, as 802.1AB's receive
     * state machine does when portEnabled goes false, and once it is UP again the agent starts
     * over with fast transmission.
     */
    void tick(long now) {
        boolean enabled = port.state() == PortState.UP;
        if (!enabled) {
            if (portEnabled) {
                portEnabled = false;
                forgetNeighbours();
            }
            return;
        }
        if (!portEnabled) {
            portEnabled = true;
            if (transmits(settings)) {
                startFast(now);
            }
        }
        LldpSettings s = settings;
        if (transmits(s) && now - nextTx >= 0) {
            send(buildLldpdu(s.ttl()), false);
            if (fastRemaining > 0) {
                fastRemaining--;
                nextTx = now + TimeUnit.SECONDS.toNanos(s.txFastInterval());
            } else {
                nextTx = now + TimeUnit.SECONDS.toNanos(s.txInterval());
            }
        }
        boolean removed = false;
        for (var it = neighbours.values().iterator(); it.hasNext();) {
            Entry e = it.next();
            if (now - e.expiresAt >= 0) {
                it.remove();
                counters.ageouts++;
                counters.deletes++;
                removed = true;
                service.gone(this, e.neighbour);
            }
        }
        if (removed) {
            publish();
        }
    }

    /** An extension's TLVs may have changed: send now, then fast, if the LLDPDU differs. */
    void refresh(long now) {
        LldpSettings s = settings;
        if (!transmits(s)) {
            return;
        }
        byte[] next = buildLldpdu(s.ttl()).encode();
        if (!Arrays.equals(next, lastSent)) {
            startFast(now);
        }
    }

    private void startFast(long now) {
        nextTx = now;
        fastRemaining = settings.txFastCount();
    }

    /** The agent stops: a shutdown LLDPDU if it was sending, and its neighbours are gone. */
    void stop(boolean portStillThere) {
        if (portStillThere && transmits(settings)) {
            sendShutdown();
        }
        forgetNeighbours();
    }

    private void forgetNeighbours() {
        if (neighbours.isEmpty()) {
            return;
        }
        List<Entry> gone = List.copyOf(neighbours.values());
        neighbours.clear();
        publish();
        for (Entry e : gone) {
            counters.deletes++;
            service.gone(this, e.neighbour);
        }
    }

    private void sendShutdown() {
        send(Lldpdu.of(chassisId(), portId(), new TtlTlv(0).toTlv()), true);
    }

    private Lldpdu buildLldpdu(int ttl) {
        List<LldpTlv> tlvs = new ArrayList<>();
        tlvs.add(chassisId());
        tlvs.add(portId());
        tlvs.add(new TtlTlv(ttl).toTlv());
        tlvs.add(new LldpTlv(LldpTlv.PORT_DESCRIPTION, ("openevb port " + port.name()).getBytes(StandardCharsets.UTF_8)));
        tlvs.add(new LldpTlv(LldpTlv.SYSTEM_NAME, settings.effectiveSystemName().getBytes(StandardCharsets.UTF_8)));
        for (LldpExtension x : service.extensions()) {
            try {
                tlvs.addAll(x.tlvs(this));
            } catch (RuntimeException e) {
                service.extensionFailed(x, e);
            }
        }
        return Lldpdu.of(tlvs);
    }

    private LldpTlv chassisId() {
        long mac = port.macAddress();
        if (mac >= 0) {
            return ChassisIdTlv.ofMac(mac).toTlv();
        }
        return new ChassisIdTlv(ChassisIdTlv.LOCAL, port.name().getBytes(StandardCharsets.UTF_8)).toTlv();
    }

    private LldpTlv portId() {
        return new PortIdTlv(PortIdTlv.INTERFACE_NAME, port.name().getBytes(StandardCharsets.UTF_8)).toTlv();
    }

    private void send(Lldpdu pdu, boolean shutdown) {
        if (port.state() != PortState.UP) {
            return;
        }
        byte[] body = pdu.encode();
        long mac = Math.max(0, port.macAddress());
        byte[] all = new byte[HEADER + body.length];
        MacAddress.write(address.mac(), all, 0);
        MacAddress.write(mac, all, 6);
        all[12] = (byte) (EtherType.LLDP >> 8);
        all[13] = (byte) EtherType.LLDP;
        System.arraycopy(body, 0, all, HEADER, body.length);
        txFrame.copyFrom(all, 0, all.length);
        if (port.send(txFrame)) {
            if (shutdown) {
                counters.shutdownsOut++;
                lastSent = new byte[0];
            } else {
                counters.framesOut++;
                lastSent = body;
            }
        }
    }

    /** A received LLDPDU (the whole frame, header included). */
    void received(byte[] frame, long now) {
        // nothing is learned on a port that is not operational: the next tick would forget it again
        if (!receives() || port.state() != PortState.UP) {
            return;
        }
        if (MacAddress.read(frame, 6) == port.macAddress()) {
            // our own LLDPDU, reflected back by a hairpinning bridge that does not consume it: not a neighbour
            counters.looped++;
            return;
        }
        Lldpdu pdu;
        String chassis;
        String portIdText;
        int ttl;
        try {
            pdu = Lldpdu.decode(frame, HEADER, frame.length - HEADER);
            List<LldpTlv> tlvs = pdu.tlvs();
            if (tlvs.size() < 3 || tlvs.get(0).type() != LldpTlv.CHASSIS_ID || tlvs.get(1).type() != LldpTlv.PORT_ID
                    || tlvs.get(2).type() != LldpTlv.TTL) {
                throw new CodecException("an LLDPDU starts with Chassis ID, Port ID and TTL", HEADER);
            }
            chassis = ChassisIdTlv.decode(tlvs.get(0)).idText();
            portIdText = PortIdTlv.decode(tlvs.get(1)).idText();
            ttl = TtlTlv.decode(tlvs.get(2)).seconds();
            for (LldpTlv t : tlvs) {
                if (t.type() > LldpTlv.MANAGEMENT_ADDRESS && t.type() < LldpTlv.ORGANIZATIONAL) {
                    counters.tlvsUnrecognized++;
                }
            }
        } catch (CodecException | RuntimeException e) {
            counters.framesDiscarded++;
            service.malformed(this, e);
            return;
        }
        counters.framesIn++;
        String id = chassis + "/" + portIdText;
        if (ttl == 0) {
            Entry gone = neighbours.remove(id);
            if (gone != null) {
                counters.deletes++;
                publish();
                service.gone(this, gone.neighbour);
            }
            return;
        }
        String systemName = pdu.first(LldpTlv.SYSTEM_NAME)
                .map(t -> new String(t.value(), StandardCharsets.UTF_8)).orElse("");
        LldpNeighbour n = new LldpNeighbour(chassis, portIdText, ttl, ttl * 1000L, systemName,
                MacAddress.read(frame, 6), pdu);
        boolean isNew = !neighbours.containsKey(id);
        if (isNew && neighbours.size() >= settings.maxNeighbours()) {
            counters.tooMany++;
            return;
        }
        neighbours.put(id, new Entry(n, now, now + TimeUnit.SECONDS.toNanos(ttl)));
        if (isNew) {
            counters.inserts++;
            // a new neighbour gets our LLDPDUs quickly (802.1AB newNeighbor → fast start)
            if (transmits(settings)) {
                startFast(now);
            }
        }
        publish();
        service.received(this, n);
    }

    private void publish() {
        snapshot = List.copyOf(neighbours.values());
    }

    // ---- LldpAgent ----

    @Override
    public String port() {
        return port.name();
    }

    @Override
    public LldpAddress address() {
        return address;
    }

    @Override
    public String adminStatus() {
        return settings.adminStatus();
    }

    @Override
    public int txIntervalSeconds() {
        return settings.txInterval();
    }

    @Override
    public int ttlSeconds() {
        return settings.ttl();
    }

    @Override
    public List<LldpNeighbour> neighbours() {
        long now = System.nanoTime();
        List<LldpNeighbour> out = new ArrayList<>();
        for (Entry e : snapshot) {
            LldpNeighbour n = e.neighbour;
            long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(e.expiresAt - now));
            out.add(new LldpNeighbour(n.chassisId(), n.portId(), n.ttlSeconds(), left, n.systemName(), n.source(),
                    n.lldpdu()));
        }
        return out;
    }

    @Override
    public LldpAgentCounters counters() {
        Counters c = counters;
        return new LldpAgentCounters(c.framesOut, c.shutdownsOut, c.framesIn, c.framesDiscarded, c.tlvsUnrecognized,
                c.ageouts, c.inserts, c.deletes, c.tooMany, c.looped);
    }

    @Override
    public String toString() {
        return "LLDP agent " + port.name() + "/" + address.key();
    }
}
