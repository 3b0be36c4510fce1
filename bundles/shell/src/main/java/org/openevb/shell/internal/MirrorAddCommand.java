package org.openevb.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.config.ConfigFiles;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.mirror.Mirrors;

/**
 * Creates a mirror as its configuration file, etc/org.openevb.mirror-NAME.cfg, and waits until it
 * runs. A mirror the platform cannot run (a bad value) is not left behind: its file goes again
 * and the command fails with the reason.
 */
@Service
@Command(scope = "evb", name = "mirror-add",
        description = "Creates a port mirror (its file etc/org.openevb.mirror-NAME.cfg) and shows it once it runs")
public class MirrorAddCommand implements Action {

    static final long WAIT_MILLIS = 15_000;

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    Mirrors mirrors;

    @Option(name = "-i", aliases = "--ingress", description = "Ports whose received frames are copied (comma-separated, '*' patterns)")
    String ingress = "";

    @Option(name = "-e", aliases = "--egress", description = "Ports whose sent frames are copied")
    String egress = "";

    @Option(name = "--vlans", description = "Only frames whose outermost VID is one of these (0 untagged), e.g. 0,10,20-29")
    String vlans = "";

    @Option(name = "--filter", description = "An ACL: only the copies it permits are sent")
    String filter = "";

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Argument(index = 0, name = "name", required = true, description = "The new mirror's name")
    String name;

    @Argument(index = 1, name = "destination", required = true, description = "The mirror port")
    @Completion(PortNameCompleter.class)
    String destination;

    @Override
    public Object execute() throws Exception {
        if (mirrors == null) {
            throw new CommandFailure("mirroring is not running (feature openevb-mirror)");
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
            throw new CommandFailure("'" + name + "' is not a name (1..64 of letters, digits, '.', '_', ':', '-')");
        }
        if (mirrors.mirror(name).isPresent()) {
            throw new CommandFailure("a mirror named '" + name + "' exists already");
        }
        Path file = NamedConfigurations.etc().resolve("org.openevb.mirror-" + name + ".cfg");
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("name", name);
        keys.put("ingress", ingress);
        keys.put("egress", egress);
        keys.put("vlans", vlans);
        keys.put("filter", filter);
        keys.put("destination", destination);
        try {
            ConfigFiles.create(file, "A port mirror, made by evb:mirror-add; every key is explained in\n"
                    + "etc/org.openevb.mirror-span1.cfg and in the README.", keys);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new CommandFailure(file + " exists already");
        }
        MirrorView view = await(name);
        if (view == null || view.state().equals("error") || view.state().equals("starting")) {
            Files.deleteIfExists(file);
            throw new CommandFailure("mirror '" + name + "' not created: "
                    + (view == null ? "it did not appear within " + WAIT_MILLIS / 1000 + " s" : view.reason()));
        }
        if (json) {
            System.out.println(Json.toJson(view));
        } else {
            MirrorShowCommand.print(System.out, view);
        }
        return null;
    }

    /** The mirror once it has looked at its configuration (active, waiting or error), or null. */
    private MirrorView await(String mirror) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<MirrorView> v = mirrors.mirror(mirror);
            if (v.isPresent() && !v.get().state().equals("starting")) {
                return v.get();
            }
            Thread.sleep(100);
        }
        return mirrors.mirror(mirror).orElse(null);
    }
}
