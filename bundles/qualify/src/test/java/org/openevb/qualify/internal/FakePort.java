package org.openevb.qualify.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.PortState;
import org.openevb.api.port.PortTap;
import org.openevb.codec.Frame;

/**
 * A port with a scripted peer, for the runner's tests: every frame sent is tapped OUT, and the
 * peer's answers (from {@link #peer}) are tapped IN on the sending thread, as a fast real peer would.
 */
final class FakePort implements Port {

    final List<PortTap> taps = new CopyOnWriteArrayList<>();
    final List<Integer> controlTaken = new CopyOnWriteArrayList<>();
    volatile Function<byte[], List<byte[]>> peer = f -> List.of();
    volatile String owner = "";
    volatile FrameHandler holder;
    /** Whether the port can set its link (as the packet driver can), and whether it is up. */
    volatile boolean linkable;
    volatile boolean linkUp = true;
    /** How many times bringing the link up is refused (as the kernel refuses without CAP_NET_ADMIN). */
    volatile int refuseUp;
    /** Told when the link goes down or comes up (the peer sees its carrier go and come). */
    volatile java.util.function.Consumer<Boolean> onLink = up -> { };
    final long mac;
    final String name;

    FakePort(long mac) {
        this(mac, "up");
    }

    FakePort(long mac, String name) {
        this.mac = mac;
        this.name = name;
    }

    @Override public String name() { return name; }
    @Override public String interfaceName() { return "eth9"; }
    @Override public String driverName() { return "memory"; }
    @Override public PortState state() { return PortState.UP; }
    @Override public String reason() { return ""; }
    @Override public int mtu() { return 1500; }
    @Override public long macAddress() { return mac; }
    @Override public PortCounters counters() { return null; }
    @Override public String kind() { return "interface"; }
    @Override public String creator() { return "configuration"; }
    @Override public String owner() { return owner; }

    @Override
    public void setLinkUp(boolean up) {
        if (!linkable) {
            Port.super.setLinkUp(up);
        }
        if (up && refuseUp > 0) {
            refuseUp--;
            throw new IllegalStateException("cannot set interface 'eth9' up: Operation not permitted");
        }
        linkUp = up;
        onLink.accept(up);
    }

    @Override
    public boolean send(Frame frame) {
        if (!linkUp) {
            return false;
        }
        byte[] bytes = frame.toByteArray();
        long now = System.currentTimeMillis() * 1_000_000;
        taps.forEach(t -> t.frame(PortTap.Direction.OUT, now, frame));
        for (byte[] reply : peer.apply(bytes)) {
            byte[] answer = reply.length >= 60 ? reply : java.util.Arrays.copyOf(reply, 60);
            Frame in = new Frame(answer.length);
            in.copyFrom(answer, 0, answer.length);
            taps.forEach(t -> t.frame(PortTap.Direction.IN, System.currentTimeMillis() * 1_000_000, in));
        }
        return true;
    }

    /** A frame from the peer at a time of its own choosing (a retransmission, a timeout). */
    void inject(byte[] frame) {
        byte[] padded = frame.length >= 60 ? frame : java.util.Arrays.copyOf(frame, 60);
        Frame in = new Frame(padded.length);
        in.copyFrom(padded, 0, padded.length);
        taps.forEach(t -> t.frame(PortTap.Direction.IN, System.currentTimeMillis() * 1_000_000, in));
    }

    @Override
    public synchronized boolean claim(String who, FrameHandler handler) {
        if (!owner.isEmpty() && !owner.equals(who)) {
            return false;
        }
        owner = who;
        holder = handler;
        return true;
    }

    @Override
    public synchronized void release(FrameHandler handler) {
        if (holder == handler) {
            owner = "";
            holder = null;
        }
    }

    @Override
    public AutoCloseable addTap(PortTap tap) {
        taps.add(tap);
        return () -> taps.remove(tap);
    }

    @Override
    public AutoCloseable addControlHandler(int etherType, FrameHandler handler) {
        if (controlTaken.contains(etherType)) {
            throw new IllegalStateException("taken");
        }
        controlTaken.add(etherType);
        return () -> controlTaken.remove((Integer) etherType);
    }
}
