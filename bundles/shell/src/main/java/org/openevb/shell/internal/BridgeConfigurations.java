package org.openevb.shell.internal;

import java.io.IOException;
import java.util.Dictionary;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Changes a bridge's configuration, so a change made by a command is kept exactly as one made by
 * editing the file: ConfigAdmin stays the one source of truth (Karaf writes it back to etc/).
 */
final class BridgeConfigurations {
    private static final String FACTORY_PID = "org.openevb.bridge";

    private BridgeConfigurations() {
    }

    /** Sets one key of the named bridge's configuration; returns false if there is no such bridge. */
    static boolean set(ConfigurationAdmin admin, String bridge, String key, String value) throws IOException {
        Configuration config = find(admin, bridge);
        if (config == null) {
            return false;
        }
        Dictionary<String, Object> props = config.getProperties();
        props.put(key, value);
        config.update(props);
        return true;
    }

    private static Configuration find(ConfigurationAdmin admin, String bridge) throws IOException {
        String filter = "(&(service.factoryPid=" + FACTORY_PID + ")(name=" + escape(bridge) + "))";
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null || found.length == 0 ? null : found[0];
        } catch (InvalidSyntaxException e) {
            return null;
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
