package org.openevb.itests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The factory configurations a test creates, deleted in reverse order of creation (users before
 * what they use: bridges before their ports).
 */
final class Configs {

    private final ConfigurationAdmin admin;
    private final List<Configuration> created = new ArrayList<>();

    Configs(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** A new factory configuration, e.g. {@code create("org.openevb.port", "name", "p1", "interface", "eth1")}. */
    Configuration create(String factoryPid, String... keyValues) throws IOException {
        Hashtable<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return create(factoryPid, props);
    }

    Configuration create(String factoryPid, Map<String, ?> properties) throws IOException {
        Configuration c = admin.createFactoryConfiguration(factoryPid, "?");
        c.update(new Hashtable<>(properties));
        created.add(c);
        return c;
    }

    /** Changes (or with a null value removes) keys of a configuration. */
    static void update(Configuration c, String... keyValues) throws IOException {
        Hashtable<String, Object> props = copy(c);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                props.remove(keyValues[i]);
            } else {
                props.put(keyValues[i], keyValues[i + 1]);
            }
        }
        c.update(props);
    }

    static Hashtable<String, Object> copy(Configuration c) {
        Hashtable<String, Object> props = new Hashtable<>();
        var d = c.getProperties();
        for (var keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            props.put(k, d.get(k));
        }
        return props;
    }

    /** Deletes every configuration made here, newest first. */
    void deleteAll() throws IOException {
        IOException first = null;
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                created.get(i).delete();
            } catch (IOException | IllegalStateException e) {
                if (first == null && e instanceof IOException io) {
                    first = io;
                }
            }
        }
        created.clear();
        if (first != null) {
            throw first;
        }
    }
}
