package org.openevb.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.mirror.MirrorCounter;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.mirror.Mirrors;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A mirror on real veths: two VMs on an 802.1Q bridge of the platform, the frames VM1's port
 * receives and VM2's port sends copied out of a third port; tcpdump behind that port must see each
 * of VM1's frames exactly twice, byte for byte, and VM2 every one of them once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MirrorIT extends LabTestSupport {

    private static final int FRAMES = 200;

    private String vm(String role) throws Exception {
        String ns = lab.namespace(role);
        lab.veth(lab.hostName(role), ns, "eth0", 1500, null);
        configs.create("org.openevb.port", "name", name(role), "interface", lab.hostName(role), "driver", "packet");
        return ns;
    }

    @Test
    public void theMirrorPortSeesExactlyTheMirroredFramesByteForByte() throws Exception {
        String vm1 = vm("vm1");
        String vm2 = vm("vm2");
        String mon = vm("mon");
        String bridge = "br-" + lab.tag;
        configs.create("org.openevb.bridge", "name", bridge, "mode", "dot1q", "ports", name("vm1") + "," + name("vm2"));
        Await.until(bridge + " forwarding", 30, () -> Ready.forwardingWithPortsUp(bridges, bridge));
        String span = name("span");
        configs.create("org.openevb.mirror", "name", span, "ingress", name("vm1"), "egress", name("vm2"),
                "destination", name("mon"));
        Mirrors mirrors = service(Mirrors.class);
        Await.until("mirror active", 20, () -> mirrors.mirror(span).map(m -> m.state().equals("active")).orElse(false));

        List<byte[]> frames = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        String vm2Mac = lab.mac(vm2, "eth0").replace(":", "");
        String vm1Mac = lab.mac(vm1, "eth0").replace(":", "");
        for (int i = 0; i < FRAMES; i++) {
            byte[] f = new byte[64 + i % 200];
            System.arraycopy(hex.parseHex(vm2Mac + vm1Mac + "88b5"), 0, f, 0, 14);
            f[14] = (byte) (i >> 8);
            f[15] = (byte) i;
            f[f.length - 1] = (byte) 0xA5;
            frames.add(f);
        }
        NetLab.Capture atMon = lab.capture(mon, "eth0", 2 * FRAMES, true, "ether proto 0x88b5");
        NetLab.Capture atVm2 = lab.capture(vm2, "eth0", FRAMES, true, "ether proto 0x88b5");
        lab.inject(vm1, "eth0", frames);
        List<byte[]> copies = atMon.await(20);
        List<byte[]> delivered = atVm2.await(5);

        assertEquals("VM2 received every frame: the mirror changes nothing on the path", FRAMES, delivered.size());
        assertEquals("two copies of each frame (received on vm1, sent on vm2)", 2 * FRAMES, copies.size());
        int[] seen = new int[FRAMES];
        for (byte[] c : copies) {
            int i = (c[14] & 0xFF) << 8 | (c[15] & 0xFF);
            assertArrayEquals("copy of frame " + i, frames.get(i), c);
            seen[i]++;
        }
        for (int i = 0; i < FRAMES; i++) {
            assertEquals("copies of frame " + i, 2, seen[i]);
        }
        MirrorView view = mirrors.mirror(span).orElseThrow();
        assertEquals(2 * FRAMES, view.counters().get(MirrorCounter.MIRRORED));
        assertEquals(0, view.counters().get(MirrorCounter.QUEUE_FULL) + view.counters().get(MirrorCounter.SEND_FAILED));

        String list = execute("evb:mirror-list");
        assertTrue(list, list.contains(span) && list.contains("active") && list.contains(name("mon")));
        JsonObject json = JsonParser.parseString(execute("evb:mirror-show --json " + span)).getAsJsonObject();
        assertEquals(2 * FRAMES, json.getAsJsonObject("counters").get("mirrored").getAsLong());
        System.out.println("[mirror] " + FRAMES + " frames VM1 -> VM2 over an 802.1Q bridge: VM2 received " + delivered.size()
                + "; the mirror port (ingress " + name("vm1") + ", egress " + name("vm2") + ") carried " + copies.size()
                + " copies, each frame twice, byte for byte; " + view.counters().get(MirrorCounter.MIRRORED_BYTES)
                + " bytes mirrored, 0 dropped");
    }

    @Test
    public void mirrorsAreAddedAndRemovedByCommandAsTheirFilesAndABadOneIsNotLeftBehind() throws Exception {
        vm("vm1");
        vm("mon");
        String span = name("cmd");
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("karaf.etc"), "org.openevb.mirror-" + span + ".cfg");
        try {
            String shown = execute("evb:mirror-add --ingress " + name("vm1") + " " + span + " " + name("mon"));
            assertTrue(shown, shown.contains("Mirror " + span) && (shown.contains("active") || shown.contains("waiting")));
            assertTrue("the mirror is its file", java.nio.file.Files.readString(file).contains("destination = " + name("mon")));
            Mirrors mirrors = service(Mirrors.class);
            Await.until("active", 20, () -> mirrors.mirror(span).map(m -> m.state().equals("active")).orElse(false));
            String removed = execute("evb:mirror-remove " + span);
            assertTrue(removed, removed.contains("removed"));
            assertTrue("its file gone", !java.nio.file.Files.exists(file));
            assertTrue("and the mirror", mirrors.mirror(span).isEmpty());

            String bad = name("bad");
            java.nio.file.Path badFile = java.nio.file.Path.of(System.getProperty("karaf.etc"),
                    "org.openevb.mirror-" + bad + ".cfg");
            String failure;
            try {
                execute("evb:mirror-add --ingress " + name("vm1") + " --vlans 5000 " + bad + " " + name("mon"));
                failure = "no failure";
            } catch (Exception e) {
                failure = String.valueOf(e.getMessage());
            }
            assertTrue("refused with the key and the reason: " + failure, failure.contains("vlans: '5000' is not in 0..4094"));
            assertTrue("its file not left behind", !java.nio.file.Files.exists(badFile));
            System.out.println("[mirror] evb:mirror-add wrote " + file.getFileName() + " and the mirror ran; evb:mirror-remove"
                    + " took file and mirror away; a bad value (--vlans 5000) refused: " + failure);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
