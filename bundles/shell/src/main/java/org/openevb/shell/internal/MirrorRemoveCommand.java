package org.openevb.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.config.ConfigFiles;
import org.openevb.api.mirror.Mirrors;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Removes a mirror: its configuration file and its configuration, and waits until it is gone. */
@Service
@Command(scope = "evb", name = "mirror-remove", description = "Removes a port mirror (its configuration file too)")
public class MirrorRemoveCommand implements Action {

    @Reference
    ConfigurationAdmin admin;

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    Mirrors mirrors;

    @Argument(index = 0, name = "name", required = true, description = "Mirror name")
    @Completion(MirrorNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        if (mirrors == null) {
            throw new CommandFailure("mirroring is not running (feature openevb-mirror)");
        }
        if (mirrors.mirror(name).isEmpty()) {
            throw new CommandFailure("no mirror named '" + name + "'");
        }
        Configuration[] found;
        try {
            found = admin.listConfigurations("(&(service.factoryPid=org.openevb.mirror)(name=" + name + "))");
        } catch (InvalidSyntaxException e) {
            throw new CommandFailure("'" + name + "' is not a mirror name");
        }
        for (Configuration c : found == null ? new Configuration[0] : found) {
            Path file = ConfigFiles.file(map(c.getProperties()));
            if (file != null) {
                Files.deleteIfExists(file);
            }
            c.delete();
        }
        long deadline = System.nanoTime() + MirrorAddCommand.WAIT_MILLIS * 1_000_000;
        while (mirrors.mirror(name).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (mirrors.mirror(name).isPresent()) {
            throw new CommandFailure("mirror '" + name + "' still there after " + MirrorAddCommand.WAIT_MILLIS / 1000 + " s");
        }
        System.out.println("mirror '" + name + "' removed");
        return null;
    }

    /** Karaf's etc folder, where configuration files live. */
    static Path etc() throws IOException {
        String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            throw new IOException("karaf.etc is not set: not running in Karaf");
        }
        return Path.of(etc);
    }

    private static Map<String, Object> map(Dictionary<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        if (d != null) {
            for (var keys = d.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                m.put(k, d.get(k));
            }
        }
        return m;
    }
}
