package org.openevb.lldp.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openevb.api.config.CheckedSettings;
import org.openevb.api.config.ConfigSyntax;
import org.openevb.api.lldp.LldpAddress;

/** One LLDP configuration, checked: every bad key is named with the reason. */
record LldpSettings(List<Pattern> ports, String portsText, Set<LldpAddress> addresses, String adminStatus,
        int txInterval, int txHold, int txFastInterval, int txFastCount, String systemName, int maxNeighbours,
        List<String> errors) implements CheckedSettings {

    static final List<String> ADMIN_STATUS = List.of("rxtx", "tx", "rx", "disabled");

    /** What an agent runs with when no configuration names its port (an extension asked for it). */
    static final LldpSettings DEFAULTS = new LldpSettings(List.of(), "", EnumSet.noneOf(LldpAddress.class), "rxtx", 30, 4,
            1, 4, "", 8, List.of());

    static LldpSettings from(LldpConfig c) {
        List<String> errors = new ArrayList<>();
        List<Pattern> ports = ConfigSyntax.globs(c.ports());
        if (ports.isEmpty()) {
            errors.add("ports: missing");
        }
        Set<LldpAddress> addresses = EnumSet.noneOf(LldpAddress.class);
        for (String a : c.addresses().split(",")) {
            if (a.isBlank()) {
                continue;
            }
            Optional<LldpAddress> parsed = LldpAddress.parse(a);
            if (parsed.isEmpty()) {
                errors.add(ConfigSyntax.problem("addresses", a, "one of nearest-bridge, nearest-customer-bridge, nearest-nontpmr-bridge"));
            } else {
                addresses.add(parsed.get());
            }
        }
        String admin = ConfigSyntax.choice("admin.status", c.admin_status(), ADMIN_STATUS, errors);
        int interval = ConfigSyntax.number("tx.interval", c.tx_interval(), 1, 3600, errors);
        int hold = ConfigSyntax.number("tx.hold", c.tx_hold(), 1, 100, errors);
        int fast = ConfigSyntax.number("tx.fast.interval", c.tx_fast_interval(), 1, 3600, errors);
        int fastCount = ConfigSyntax.number("tx.fast.count", c.tx_fast_count(), 1, 8, errors);
        int max = ConfigSyntax.number("max.neighbours", c.max_neighbours(), 1, 64, errors);
        return new LldpSettings(List.copyOf(ports), c.ports().trim(), addresses, admin, interval, hold, fast, fastCount,
                c.system_name().trim(), max, List.copyOf(errors));
    }

    boolean matches(String port) {
        for (Pattern p : ports) {
            if (p.matcher(port).matches()) {
                return true;
            }
        }
        return false;
    }

    int ttl() {
        return Math.min(65535, txInterval * txHold + 1);
    }

    String effectiveSystemName() {
        if (!systemName.isEmpty()) {
            return systemName;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "openevb";
        }
    }
}
