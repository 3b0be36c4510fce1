package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.driver.memory.MemoryDriver;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Boots the built distribution (karaf-assembly's tar.gz) and checks it as an operator would:
 * every feature installs, every bundle is active, every component is satisfied, ports come and go
 * with their configurations, and the shell commands work.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT extends KarafTestSupport {

    @Inject
    FeaturesService features;

    @Inject
    ServiceComponentRuntime scr;



    @Test
    public void everyFeatureInstallsAndEveryBundleIsActive() throws Exception {
        List<String> ours = new ArrayList<>();
        for (Feature f : features.listFeatures()) {
            if (f.getName().startsWith("openevb")) {
                ours.add(f.getName());
                if (!features.isInstalled(f)) {
                    // no refresh: installing a feature must not restart what runs
                    features.installFeature(f.getName(), EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
                }
            }
        }
        assertTrue("openevb features found: " + ours, ours.size() >= 5);
        for (Feature f : features.listFeatures()) {
            if (f.getName().startsWith("openevb")) {
                assertTrue(f.getName() + " installed", features.isInstalled(f));
            }
        }
        List<String> notActive = new ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertEquals("bundles not active", List.of(), notActive);
        System.out.println("[distribution] " + ours.size() + " openevb features installed, "
                + bundleContext.getBundles().length + " bundles active");
    }

    @Test
    public void everyComponentIsSatisfied() {
        List<String> unsatisfied = new ArrayList<>();
        int count = 0;
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(d)) {
                unsatisfied.add(d.name + " disabled");
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                count++;
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.add(d.name + " state " + c.state + (c.failure == null ? "" : " " + c.failure));
                }
            }
        }
        assertEquals("components not satisfied", List.of(), unsatisfied);
        assertTrue(count > 0);
        // the EVB TLV rides on LLDP: the LLDP service must have bound it (a reference cycle between
        // the two once left it unbound at random)
        List<String> extensions = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.name.equals("org.openevb.lldp.internal.LldpServiceImpl")) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    for (var bound : c.satisfiedReferences) {
                        if (bound.name.equals("Extension")) {
                            for (var ref : bound.boundServices) {
                                extensions.add(String.valueOf(ref.properties.get("component.name")));
                            }
                        }
                    }
                }
            }
        }
        assertTrue("LLDP extensions bound: " + extensions, extensions.contains("org.openevb.evb.internal.EvbServiceImpl"));
        // the shipped example configuration names an interface that does not exist here
        Port uplink = ports.port("uplink").orElseThrow(() -> new AssertionError("shipped port 'uplink' missing"));
        assertEquals(PortState.DOWN, uplink.state());
        assertTrue(uplink.reason(), uplink.reason().contains("no such interface 'evb0'"));
        System.out.println("[distribution] " + count + " component configurations satisfied; LLDP extensions bound "
                + extensions + "; shipped port 'uplink' DOWN: " + uplink.reason());
    }

    /**
     * bin/evb as a script uses it: a command that works exits 0 with its output on stdout; one that
     * fails (no such bridge) exits 1 with the error, without the shell's colours.
     */
    @Test
    public void binEvbExitsNonZeroWhenTheCommandFails() throws Exception {
        Commands.Result ok = DistributionScripts.run("evb", "port-list", "--json");
        assertEquals("port-list exits 0; it printed:\n" + ok.output(), 0, ok.exit());
        assertTrue(ok.output(), JsonParser.parseString(ok.output()).isJsonArray());
        Commands.Result failed = DistributionScripts.run("evb", "bridge-show", "nosuch");
        assertEquals("bridge-show of no bridge exits 1; it printed:\n" + failed.output(), 1, failed.exit());
        assertTrue(failed.output(), failed.output().contains("nosuch"));
        assertFalse("no colour codes: " + failed.output(), failed.output().contains("\u001b["));
        Commands.Result usage = DistributionScripts.run("evb");
        assertEquals("no command: usage, exit 2", 2, usage.exit());
        System.out.println("[distribution] bin/evb: port-list --json 0, bridge-show nosuch 1 (" + failed.output().trim()
                + "), no command 2");
    }

    @Test
    public void memoryPortComesAndGoesWithItsConfiguration() throws Exception {
        features.installFeature("openevb-driver-memory", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        MemoryDriver memory = service(MemoryDriver.class);
        memory.createInterface("mem0");
        org.osgi.service.cm.Configuration cfg = configurationAdmin.createFactoryConfiguration("org.openevb.port", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", "mem-test");
        props.put("interface", "mem0");
        props.put("driver", "memory");
        cfg.update(props);
        Await.until("port mem-test UP", 10,
                () -> ports.port("mem-test").map(p -> p.state() == PortState.UP).orElse(false));
        for (int i = 0; i < 7; i++) {
            assertTrue(memory.inject("mem0", TestFrames.ethernet(0x0800, 64 + i)));
        }
        Port port = ports.port("mem-test").orElseThrow();
        assertEquals(7, port.counters().rxFrames());
        assertEquals(7, port.counters().drops(DropReason.RX_UNATTACHED));
        cfg.delete();
        Await.until("port mem-test removed", 10, () -> ports.port("mem-test").isEmpty());
        assertFalse(memory.isOpen("mem0"));
    }

    @Test
    public void pcapPortOnVethFromConfigurationWithShellCommands() throws Exception {
        try (VethLab lab = VethLab.create(1500)) {
            org.osgi.service.cm.Configuration cfg = configurationAdmin.createFactoryConfiguration("org.openevb.port", "?");
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("name", "veth-test");
            props.put("interface", lab.hostInterface);
            cfg.update(props);
            try {
                Await.until("port veth-test UP", 15,
                        () -> ports.port("veth-test").map(p -> p.state() == PortState.UP).orElse(false));
                assertTrue("receive thread running", Await.threadAlive("evb-rx-veth-test"));

                List<byte[]> frames = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    frames.add(TestFrames.ethernet(0x0800, 100 + i));
                }
                lab.inject(frames);
                Port port = ports.port("veth-test").orElseThrow();
                Await.until("5 frames counted", 10, () -> port.counters().rxFrames() == 5);

                JsonArray list = JsonParser.parseString(execute("evb:port-list --json")).getAsJsonArray();
                JsonObject veth = null;
                for (JsonElement e : list) {
                    if (e.getAsJsonObject().get("name").getAsString().equals("veth-test")) {
                        veth = e.getAsJsonObject();
                    }
                }
                assertTrue("veth-test listed", veth != null);
                assertEquals("UP", veth.get("state").getAsString());
                JsonObject counters = veth.getAsJsonObject("counters");
                assertEquals(5, counters.get("rxFrames").getAsLong());
                assertEquals(frames.stream().mapToLong(f -> f.length).sum(), counters.get("rxBytes").getAsLong());
                String table = execute("evb:port-list");
                assertTrue(table, table.contains("veth-test") && table.contains("UP"));

                Path pcap = Files.createTempFile("evb-capture", ".pcap");
                ExecutorService shell = Executors.newSingleThreadExecutor();
                try {
                    Future<String> capture = shell.submit(() -> execute("evb:capture -c 3 -t 20 veth-test " + pcap));
                    // the tap attaches when the command starts: offer frames until it has taken three
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
                    while (!capture.isDone() && System.nanoTime() < deadline) {
                        lab.inject(frames.subList(0, 3));
                        Thread.sleep(300);
                    }
                    String out = capture.get(5, TimeUnit.SECONDS);
                    assertTrue(out, out.contains("3 frames written"));
                } finally {
                    shell.shutdownNow();
                }
                Commands.Result tshark = Commands.tryRun("tshark", "-r", pcap.toString(), "-T", "fields", "-e", "frame.len");
                assertEquals(tshark.output(), 0, tshark.exit());
                // tshark warns about running as root on the same stream: keep the numbers only
                List<String> lengths = tshark.output().lines().filter(l -> l.matches("\\d+")).toList();
                assertEquals(tshark.output(), 3, lengths.size());
                assertTrue(lengths.toString(), List.of("100", "101", "102").containsAll(lengths));
                Files.deleteIfExists(pcap);
                System.out.println("[distribution] veth port UP from ConfigAdmin, 5 frames counted in port-list --json, "
                        + "capture of 3 frames read by tshark");
            } finally {
                cfg.delete();
            }
            Await.until("port veth-test removed", 10, () -> ports.port("veth-test").isEmpty());
            Await.until("receive thread gone", 3, () -> !Await.threadAlive("evb-rx-veth-test"));
        }
    }
}
