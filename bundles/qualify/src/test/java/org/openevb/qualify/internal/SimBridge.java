package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.ecp.EcpAction;
import org.openevb.ecp.EcpEntity;
import org.openevb.vdp.LocalVsiRegistry;
import org.openevb.vdp.VdpAction;
import org.openevb.vdp.VdpBridge;
import org.openevb.vdp.VdpTimers;
import org.openevb.vdp.VsiType;
import org.openevb.vdp.VsiTypeDatabase;

/**
 * This platform's own EVB bridge, ECP entity and VDP bridge (type 1 version 1 on VLANs 10-12) as
 * the scripted peer of a {@link FakePort}: it answers what the kit sends at once, on the sending
 * thread, and a ticking thread of its own retransmits and times out as the real port's VDP thread
 * does. R 3, RTE 12 (40.96 ms), RWD 14, RKA 14: toutKeepAlive 675.84 ms.
 */
final class SimBridge implements Function<byte[], List<byte[]>>, AutoCloseable {

    static final VdpTimers TIMERS = new VdpTimers(3, 12, 14, 14);

    private final EvbTlv tlv;
    private final EcpEntity ecp;
    private final VdpBridge vdp;
    private final FakePort port;
    private final Thread ticker;
    private volatile boolean evbSeen;
    /** Whether the ECP entity runs at all (false: a peer with the EVB TLV and nothing behind it). */
    volatile boolean ecpRuns = true;

    SimBridge(FakePort port) {
        this(port, TIMERS);
    }

    /** With other timers: a longer RKA keeps VSIs the kit does not refresh through a slow run. */
    SimBridge(FakePort port, VdpTimers timers) {
        this.tlv = new EvbTlv(false, true, false, false, false, 0, timers.r(), timers.rte(), EvbTlv.BRIDGE,
                false, timers.rwd(), false, timers.rka());
        this.ecp = new EcpEntity(Set.of(EcpPdu.SUBTYPE_VDP), timers.r(), timers.rte(), 64);
        this.vdp = new VdpBridge("sim", timers, new VsiTypeDatabase(List.of(VsiType.of(1, 1, 10, 11, 12)), 8),
                new LocalVsiRegistry(), false);
        this.port = port;
        this.ticker = new Thread(this::tickLoop, "sim-bridge");
        ticker.setDaemon(true);
        ticker.start();
    }

    private void tickLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
            List<byte[]> out = new ArrayList<>();
            synchronized (this) {
                long now = System.nanoTime();
                for (VdpAction a : vdp.tick(now)) {
                    vdpAction(a, now, out);
                }
                ecpActions(ecp.tick(now), now, out);
            }
            out.forEach(port::inject);
        }
    }

    @Override
    public synchronized List<byte[]> apply(byte[] f) {
        List<byte[]> out = new ArrayList<>();
        long now = System.nanoTime();
        int type = KitFrames.etherType(f);
        if (type == EtherType.LLDP && MacAddress.read(f, 0) == MacAddress.NEAREST_CUSTOMER_BRIDGE) {
            try {
                evbSeen = Lldpdu.decode(f, 14, f.length - 14).evb().isPresent();
            } catch (Exception e) {
                evbSeen = false;
            }
            if (evbSeen) {
                out.add(Peers.peerLldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, 120, tlv.toTlv()));
            }
        } else if (type == EtherType.ECP && evbSeen && ecpRuns) {
            ecpActions(ecp.received(f, 14, f.length - 14, now), now, out);
        }
        return out;
    }

    private void ecpActions(List<EcpAction> actions, long now, List<byte[]> out) {
        for (EcpAction a : actions) {
            if (a instanceof EcpAction.Transmit t) {
                out.add(KitFrames.ecp(Peers.PEER_MAC, t.pdu()));
            } else if (a instanceof EcpAction.Deliver d) {
                for (VdpAction v : vdp.received(d.ulpdu(), now)) {
                    vdpAction(v, now, out);
                }
            }
        }
    }

    private void vdpAction(VdpAction a, long now, List<byte[]> out) {
        if (a instanceof VdpAction.Send s) {
            ecpActions(ecp.send(EcpPdu.SUBTYPE_VDP, s.pdu().encode(), now), now, out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        ticker.interrupt();
        ticker.join(2000);
    }
}
