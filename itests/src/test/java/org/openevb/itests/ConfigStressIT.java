package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeStatus;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * Configuration is never lost: an edge relay configured by files in etc/, as a user does, has its
 * mode changed thousands of times by command while a user edits the same file by hand (written in
 * place, in two halves, so Karaf's file watcher can read it half-written), under traffic. Every
 * file stays whole, every change applies, no frame is lost.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigStressIT extends KarafTestSupport {

    private static final int COMMANDS = 5000;
    private static final int EDIT_EVERY = 100;
    private static final int FRAMES = 60_000;
    private static final int RATE = 1000;

    private NetLab lab;
    private final List<Path> files = new ArrayList<>();

    @Before
    public void setUp() throws IOException {
        lab = new NetLab();
    }

    @After
    public void tearDown() throws Exception {
        try {
            for (int i = files.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(files.get(i)); // the file watcher deletes their configurations
            }
            Await.until("test ports removed", 15,
                    () -> ports.ports().stream().noneMatch(p -> p.name().endsWith("-" + lab.tag)));
        } finally {
            lab.close();
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = Path.of(System.getProperty("karaf.etc")).resolve(name);
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        files.add(file);
        return file;
    }

    private static Properties parse(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        return p;
    }

    /** A user's edit with a plain editor: the file truncated, then written in two halves. */
    private static void editInPlace(Path file, String text) throws IOException, InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try (var out = Files.newOutputStream(file)) { // truncates
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            Thread.sleep(20);
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
        }
    }

    private String bridgeFile(String relay, String mode) {
        return "# edge relay of the configuration stress test\n"
                + "name = " + relay + "\n"
                + "mode = " + mode + "\n"
                + "ports = up-" + lab.tag + ", vm1-" + lab.tag + ", vm2-" + lab.tag + "\n"
                + "uplink = up-" + lab.tag + "\n";
    }

    @Test
    public void thousandsOfModeChangesAndHandEditsLoseNoFileNoChangeAndNoFrame() throws Exception {
        String vm1 = lab.namespace("vm1");
        String vm2 = lab.namespace("vm2");
        String sw = lab.namespace("sw");
        lab.veth(lab.hostName("v1"), vm1, "eth0", 1500, null);
        lab.veth(lab.hostName("v2"), vm2, "eth0", 1500, null);
        lab.veth(lab.hostName("up"), sw, "p1", 1500, null);
        // the adjacent bridge reflects (hairpin), so VM1 reaches VM2 in VEB and in VEPA
        lab.in(sw, "ip", "link", "add", "br0", "type", "bridge");
        lab.in(sw, "ip", "link", "set", "p1", "master", "br0");
        lab.in(sw, "ip", "link", "set", "br0", "up");
        lab.in(sw, "bridge", "link", "set", "dev", "p1", "hairpin", "on");
        String vm1Mac = lab.mac(vm1, "eth0");
        String vm2Mac = lab.mac(vm2, "eth0");
        for (String role : new String[] {"up", "v1", "v2"}) {
            String name = (role.equals("up") ? "up" : "vm" + role.substring(1)) + "-" + lab.tag;
            write("org.openevb.port-" + name + ".cfg", "name = " + name + "\ninterface = " + lab.hostName(role) + "\n");
        }
        String relay = "er-" + lab.tag;
        Path file = write("org.openevb.bridge-" + relay + ".cfg", bridgeFile(relay, "veb"));
        Await.until("relay forwarding from its file", 20, () -> bridges.bridge(relay)
                .map(b -> b.status() == BridgeStatus.FORWARDING && b.ports().stream().allMatch(p -> p.state().equals("UP")))
                .orElse(false));
        lab.inject(vm1, "eth0", List.of(announce(vm1Mac)));
        lab.inject(vm2, "eth0", List.of(announce(vm2Mac)));
        Thread.sleep(300);

        NetLab.Capture atVm2 = lab.capture(vm2, "eth0", FRAMES, true, "ether proto 0x88b5 and ether src " + vm1Mac);
        Process sender = lab.stream(vm1, "eth0", vm2Mac, vm1Mac, FRAMES, RATE);
        long changesBefore = bridge(relay).modeChanges();
        long t0 = System.nanoTime();
        String mode = "veb";
        int commands = 0;
        int edits = 0;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(240);
        while ((commands < COMMANDS || sender.isAlive()) && System.nanoTime() < deadline) {
            mode = mode.equals("veb") ? "vepa" : "veb";
            if (commands > 0 && commands % EDIT_EVERY == 0 && edits < commands / EDIT_EVERY) {
                edits++;
                editInPlace(file, bridgeFile(relay, mode));
                String edited = mode;
                Await.until("hand edit " + edits + " (mode " + edited + ") applied", 10,
                        () -> bridge(relay).modeName().equals(edited) && bridge(relay).reason().isEmpty());
                continue;
            }
            String out = execute("evb:bridge-mode " + relay + " " + mode);
            commands++;
            assertEquals("command " + commands, "bridge " + relay + " mode " + mode, out.trim());
            Properties inFile = parse(file);
            assertEquals("command " + commands + ": the file says so at once", mode, inFile.getProperty("mode"));
            assertEquals("command " + commands + ": the file is whole", relay, inFile.getProperty("name"));
            String commanded = mode;
            Await.until("command " + commands + " (mode " + commanded + ") applied", 5,
                    () -> bridge(relay).modeName().equals(commanded));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue("sender finished", sender.waitFor(60, TimeUnit.SECONDS));
        List<byte[]> got = atVm2.await(20);

        // let the file watcher see the last change (it polls every second), then everything agrees
        String last = mode;
        Await.until("the last change everywhere", 10, () -> bridge(relay).modeName().equals(last));
        Thread.sleep(2500);
        Properties inFile = parse(file);
        Configuration[] configs = configurationAdmin.listConfigurations("(name=" + relay + ")");
        assertTrue("one configuration of the relay", configs != null && configs.length == 1);
        Bridge er = bridge(relay);
        int[] lostAndDuplicated = NetLab.lostAndDuplicated(got, FRAMES);
        long changes = er.modeChanges() - changesBefore;
        System.out.printf("[config-stress] %d mode changes by command and %d hand edits in place in %.1f s "
                + "(%.1f ms per change); the relay counted %d mode changes; frames sent %d, received %d, "
                + "lost %d, duplicated %d; file %d bytes, mode %s%n", commands, edits, seconds,
                seconds * 1000 / (commands + edits), changes, FRAMES, got.size(), lostAndDuplicated[0],
                lostAndDuplicated[1], Files.size(file), inFile.getProperty("mode"));
        assertTrue("at least " + COMMANDS + " commands, got " + commands, commands >= COMMANDS);
        assertEquals("every key of the file intact", bridgeFile(relay, last), Files.readString(file, StandardCharsets.ISO_8859_1));
        assertEquals("ConfigAdmin agrees with the file", last, configs[0].getProperties().get("mode"));
        assertEquals(last, er.modeName());
        assertEquals(BridgeStatus.FORWARDING, er.status());
        assertEquals("", er.reason());
        assertEquals("lost", 0, lostAndDuplicated[0]);
        assertEquals("duplicated", 0, lostAndDuplicated[1]);
    }

    private Bridge bridge(String name) {
        return bridges.bridge(name).orElseThrow(() -> new AssertionError("no bridge " + name));
    }

    private static byte[] announce(String mac) {
        byte[] f = new byte[60];
        byte[] head = java.util.HexFormat.of().parseHex("ffffffffffff" + mac.replace(":", "") + "88b6");
        System.arraycopy(head, 0, f, 0, 14);
        return f;
    }
}
