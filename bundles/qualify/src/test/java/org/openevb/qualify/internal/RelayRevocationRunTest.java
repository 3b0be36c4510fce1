package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.port.Port;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.codec.pcap.PcapWriter;

/**
 * P4's run with an edge relay as the station, against a scripted relay and switch on fake ports:
 * the phases follow each other, the kit never sends on the uplink itself, every configuration is
 * restored and the link is up at the end, also when a change fails.
 */
class RelayRevocationRunTest {

    /**
     * An auto relay and the switch above it, at once: the switch grants when the station asks and
     * its LLDP sends and the link is up, and says so in a TLV on the uplink; the relay is a VEPA
     * exactly while granted (a VEPA's frame goes up, and comes back while the switch hairpins).
     */
    static final class ScriptedRelay implements RelayControl {
        final FakePort uplink = new FakePort(Peers.OUR_MAC, "up");
        final FakePort vmOut = new FakePort(0x0200_0000_00F2L, "vm2");
        boolean ask;
        boolean lldp = true;
        boolean link = true;
        volatile boolean granted;
        final List<String> calls = new ArrayList<>();
        boolean failLldp;
        int restored;
        String learnedOn = "";

        ScriptedRelay() {
            uplink.linkable = true;
            uplink.onLink = up -> {
                link = up;
                decide();
            };
        }

        void decide() {
            granted = ask && lldp && link;
            if (link) {
                uplink.inject(Peers.peerLldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, 120, RevocationTest.bridge(granted).toTlv()));
            }
        }

        @Override public String name() { return "er"; }
        @Override public String uplink() { return "up"; }
        @Override public String vmIn() { return "vm1"; }
        @Override public String vmOut() { return "vm2"; }

        @Override
        public String behaviour() {
            return granted ? "vepa" : "veb";
        }

        @Override
        public boolean receiveAs(String port, byte[] frame) {
            Frame f = new Frame(frame.length);
            f.copyFrom(frame, 0, frame.length);
            if (MacAddress.read(frame, 0) != RelayRevocation.MAC_B) {
                learnedOn = port; // the learning frame: floods nowhere counted
                return true;
            }
            if (!"vm2".equals(learnedOn)) {
                return true; // B not known on its port: the frame goes elsewhere
            }
            if (granted) {
                uplink.peer = b -> List.of(b.clone()); // the switch hairpins what comes up
                uplink.send(f);
                vmOut.send(f);
            } else {
                vmOut.send(f); // a VEB delivers it itself
            }
            return true;
        }

        @Override
        public void askReflectiveRelay(boolean a) {
            calls.add("ask " + a);
            ask = a;
            decide();
        }

        @Override
        public void lldpTransmit(boolean transmit) throws IOException {
            calls.add("lldp " + transmit);
            if (failLldp) {
                throw new IOException("ConfigAdmin refused");
            }
            lldp = transmit;
            decide();
        }

        @Override
        public String restore() {
            restored++;
            calls.add("restore");
            return "EVB configuration x restored";
        }
    }

    private static ProbeSession session(ScriptedRelay relay) throws IOException {
        ProbeSession s = new ProbeSession(List.<Port>of(relay.uplink, relay.vmOut),
                new PcapWriter(new ByteArrayOutputStream(), true), line -> { }, System.currentTimeMillis() * 1_000_000);
        relay.uplink.taps.add(s.tap(0));
        relay.vmOut.taps.add(s.tap(1));
        s.relay(relay);
        return s;
    }

    private static QualifyRequest request() {
        return new QualifyRequest("up", List.of("P4"), "x.pcap", 1, false, 1, 1, 0, QualifyRequest.DEFAULT_ECIDS, "etag",
                "", "public", "", List.of(), "er");
    }

    @Test
    void theRunRevokesThreeWaysAndRestoresTheRelay() throws Exception {
        ScriptedRelay relay = new ScriptedRelay();
        ProbeSession s = session(relay);
        long t0 = System.nanoTime();
        ProbeOutcome o = new RevocationProbe().run(s, request());
        long took = (System.nanoTime() - t0) / 1_000_000;
        Map<String, String> v = o.values();
        assertEquals(Verdict.PASS, o.verdict(), o.summary() + " " + v);
        assertEquals(List.of("ask true", "ask false", "ask true", "lldp false", "lldp true", "restore"), relay.calls);
        assertTrue(v.get("withdraw.rrctr-cleared").matches("\\d+ ms after the station stopped asking"), v.toString());
        assertTrue(v.get("withdraw.relay-veb").matches("\\d+ ms after RRCTR cleared, \\d+ ms after the station stopped asking"),
                v.toString());
        assertTrue(v.get("withdraw.vm-frames").contains(" 0 lost"), v.toString());
        assertTrue(v.get("flap.link").startsWith("down 30"), v.toString());
        assertTrue(v.get("flap.regrant").startsWith("relay VEPA"), v.toString());
        assertTrue(relay.link, "the uplink's link is up at the end");
        assertTrue(o.peerState().contains("restored: EVB configuration x restored"), o.peerState());
        assertTrue(v.get("vm-frames").contains(" 0 lost, 0 delivered more than once"), v.toString());
        assertTrue(took < 15_000, "bounded: " + took + " ms");
    }

    @Test
    void anUplinkTheKernelWillNotBringUpIsTriedAgainEverySecondAndNotedOnce() throws Exception {
        ScriptedRelay relay = new ScriptedRelay();
        relay.uplink.refuseUp = 2;
        ProbeSession s = session(relay);
        ProbeOutcome o = new RevocationProbe().run(s, request());
        long noted = s.endProbe().stream()
                .filter(n -> n.summary().startsWith("flap: could not bring the uplink's link up again")).count();
        assertEquals(1, noted, "one note, not one per pass of the phase's loop");
        assertEquals(0, relay.uplink.refuseUp, "tried until the kernel let it");
        assertTrue(relay.link, "the uplink's link is up at the end");
        assertTrue(o.values().get("flap.link").startsWith("down 50"), o.values().toString());
    }

    @Test
    void aConfigurationChangeThatFailsStillRestoresAndBringsTheLinkUp() throws IOException {
        ScriptedRelay relay = new ScriptedRelay();
        relay.failLldp = true;
        ProbeSession s = session(relay);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RevocationProbe().run(s, request()));
        assertTrue(e.getMessage().contains("ConfigAdmin refused"), e.getMessage());
        assertEquals(1, relay.restored, "restored once the change failed");
        assertTrue(relay.link);
        assertFalse(relay.calls.contains("lldp true"));
    }
}
