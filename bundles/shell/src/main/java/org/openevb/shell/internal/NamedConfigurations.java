package org.openevb.shell.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.openevb.api.config.ConfigFiles;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Changes a named factory configuration (a bridge's, an ACL's), so a change made by a command is
 * kept exactly as one made by editing the file. The file is the source of truth: the key is changed in the file, which is
 * replaced whole (never truncated and rewritten in place, see {@link ConfigFiles}), and then in
 * ConfigAdmin, so the change applies at once rather than at the file watcher's next poll.
 */
final class NamedConfigurations {
    static final String BRIDGES = "org.openevb.bridge";
    static final String ACLS = "org.openevb.acl";

    private NamedConfigurations() {
    }

    /** Sets one key of the named bridge's configuration; returns false if there is no such bridge. */
    static boolean set(ConfigurationAdmin admin, String bridge, String key, String value) throws IOException {
        return set(admin, BRIDGES, bridge, key, value);
    }

    /**
     * Sets one key of the configuration of factory {@code factoryPid} whose {@code name} is
     * {@code name}, or removes the key when {@code value} is null; returns false if there is no
     * such configuration.
     */
    static boolean set(ConfigurationAdmin admin, String factoryPid, String name, String key, String value)
            throws IOException {
        // one writer at a time: two commands changing the same file must not lose one change
        synchronized (NamedConfigurations.class) {
            Configuration config = find(admin, factoryPid, name);
            if (config == null) {
                return false;
            }
            Dictionary<String, Object> props = config.getProperties();
            Path file = ConfigFiles.file(map(props));
            if (file != null && Files.isRegularFile(file)) {
                if (value == null) {
                    ConfigFiles.remove(file, key);
                } else {
                    ConfigFiles.set(file, key, value);
                }
            }
            if (props.get("name") == null) {
                // ConfigAdmin holds an unreadable version of the file (the bridge keeps running
                // its last good configuration): the file watcher reads the whole file next
                return true;
            }
            if (value == null) {
                props.remove(key);
            } else {
                props.put(key, value);
            }
            config.update(props);
            return true;
        }
    }

    /**
     * Deletes every configuration of {@code factoryPid} named {@code name}, and its file in etc/
     * (the file first: the file watcher must not bring it back); returns how many there were.
     */
    static int delete(ConfigurationAdmin admin, String factoryPid, String name) throws IOException {
        Configuration[] found = list(admin, "(&(service.factoryPid=" + factoryPid + ")(name=" + escape(name) + "))");
        for (Configuration c : found) {
            Path file = ConfigFiles.file(map(c.getProperties()));
            if (file != null) {
                Files.deleteIfExists(file);
            }
            c.delete();
        }
        return found.length;
    }

    /** Waits until {@code present} says no, at most {@code millis}; whether it did. */
    static boolean awaitGone(BooleanSupplier present, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (present.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return !present.getAsBoolean();
    }

    /** Karaf's etc folder, where configuration files live. */
    static Path etc() throws IOException {
        String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            throw new IOException("karaf.etc is not set: not running in Karaf");
        }
        return Path.of(etc);
    }

    /**
     * The configuration of that name: by its name in ConfigAdmin, else by the name in its file (when
     * ConfigAdmin holds an unreadable version of the file, read while someone was writing it).
     */
    private static Configuration find(ConfigurationAdmin admin, String factoryPid, String bridge) throws IOException {
        Configuration[] byName = list(admin, "(&(service.factoryPid=" + factoryPid + ")(name=" + escape(bridge) + "))");
        if (byName.length > 0) {
            return byName[0];
        }
        for (Configuration c : list(admin, "(service.factoryPid=" + factoryPid + ")")) {
            Path file = ConfigFiles.file(map(c.getProperties()));
            if (file != null && Files.isRegularFile(file) && bridge.equals(nameIn(file))) {
                return c;
            }
        }
        return null;
    }

    private static String nameIn(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String name = p.getProperty("name");
        return name == null ? null : name.trim();
    }

    private static Configuration[] list(ConfigurationAdmin admin, String filter) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (InvalidSyntaxException e) {
            return new Configuration[0];
        }
    }

    private static Map<String, Object> map(Dictionary<String, Object> d) {
        Map<String, Object> out = new HashMap<>();
        if (d != null) {
            for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                out.put(k, d.get(k));
            }
        }
        return out;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
