package org.openevb.extender.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openevb.api.config.CheckedSettings;
import org.openevb.api.config.ConfigSyntax;
import org.openevb.api.extension.TagFormat;

/** An extender's configuration, validated; every bad value is reported with its key and the reason. */
record ExtenderSettings(String name, TagFormat format, String upstream, List<HostSpec> hosts,
        List<CascadeSpec> cascades, List<GroupSpec> groups, List<String> errors) implements CheckedSettings {

    /** Largest point-to-point E-CID (12 bits, GRP 0) and largest VN-Tag source vif. */
    static final int MAX_ID = 0xFFF;
    /** Point-to-multipoint E-CIDs have GRP 1..3. */
    static final int MIN_ETAG_GROUP = 0x1000;
    static final int MAX_GROUP = 0x3FFF;

    private static final List<String> FORMATS = List.of("etag", "vntag");

    record HostSpec(String port, int id) {
    }

    /** An extender below this one: the E-CIDs / vifs it serves, as inclusive ranges. */
    record CascadeSpec(String port, List<int[]> ranges) {
        boolean serves(int id) {
            for (int[] r : ranges) {
                if (id >= r[0] && id <= r[1]) {
                    return true;
                }
            }
            return false;
        }

        String rangeText() {
            List<String> parts = new ArrayList<>();
            for (int[] r : ranges) {
                parts.add(r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1]);
            }
            return String.join(" ", parts);
        }
    }

    record GroupSpec(int id, List<String> members) {
    }

    static ExtenderSettings from(ExtenderConfig config) {
        List<String> errors = new ArrayList<>();
        String name = ConfigSyntax.name("name", config.name(), errors);
        TagFormat format = TagFormat.parse(ConfigSyntax.choice("format", config.format(), FORMATS, errors));
        String upstream = trim(config.upstream());
        if (upstream.isEmpty()) {
            errors.add("upstream: missing");
        }
        Set<String> used = new HashSet<>();
        used.add(upstream);
        Map<Integer, String> owners = new HashMap<>();

        List<HostSpec> hosts = new ArrayList<>();
        for (ConfigSyntax.Entry e : ConfigSyntax.entries(config.ports(), "ports", errors)) {
            if (!used.add(e.key())) {
                errors.add("ports: '" + e.key() + "' is used twice (or is the upstream port)");
                continue;
            }
            if (e.values().size() != 1) {
                errors.add("ports: '" + e.text() + "' must give one E-CID/vif");
                continue;
            }
            try {
                int id = ConfigSyntax.range(e.values().get(0), 1, MAX_ID)[0];
                String other = owners.putIfAbsent(id, e.key());
                if (other != null) {
                    errors.add("ports: E-CID/vif " + id + " of '" + e.key() + "' is already '" + other + "''s");
                    continue;
                }
                hosts.add(new HostSpec(e.key(), id));
            } catch (IllegalArgumentException x) {
                errors.add("ports: '" + e.key() + "': " + x.getMessage());
            }
        }
        if (hosts.isEmpty() && trim(config.cascades()).isEmpty()) {
            errors.add("ports: no host port and no cascade port listed");
        }

        List<CascadeSpec> cascades = new ArrayList<>();
        for (ConfigSyntax.Entry e : ConfigSyntax.entries(config.cascades(), "cascades", errors)) {
            if (!used.add(e.key())) {
                errors.add("cascades: '" + e.key() + "' is used twice (or is the upstream or a host port)");
                continue;
            }
            List<int[]> ranges = new ArrayList<>();
            try {
                for (String v : e.values()) {
                    int[] r = ConfigSyntax.range(v, 1, MAX_ID);
                    for (int id = r[0]; id <= r[1]; id++) {
                        String other = owners.putIfAbsent(id, e.key());
                        if (other != null) {
                            throw new IllegalArgumentException("E-CID/vif " + id + " is already '" + other + "''s");
                        }
                    }
                    ranges.add(r);
                }
                cascades.add(new CascadeSpec(e.key(), List.copyOf(ranges)));
            } catch (IllegalArgumentException x) {
                errors.add("cascades: '" + e.key() + "': " + x.getMessage());
            }
        }

        List<GroupSpec> groups = new ArrayList<>();
        Set<Integer> groupIds = new HashSet<>();
        int minGroup = format == TagFormat.ETAG ? MIN_ETAG_GROUP : 1;
        for (ConfigSyntax.Entry e : ConfigSyntax.entries(config.groups(), "groups", errors)) {
            try {
                int id = ConfigSyntax.range(e.key(), minGroup, MAX_GROUP)[0];
                if (!groupIds.add(id)) {
                    throw new IllegalArgumentException("defined twice");
                }
                Set<String> members = new HashSet<>();
                for (String m : e.values()) {
                    if (m.equals(upstream) || !used.contains(m)) {
                        throw new IllegalArgumentException("member '" + m + "' is not a host or cascade port of this extender");
                    }
                    if (!members.add(m)) {
                        throw new IllegalArgumentException("member '" + m + "' is listed twice");
                    }
                }
                groups.add(new GroupSpec(id, List.copyOf(e.values())));
            } catch (IllegalArgumentException x) {
                errors.add("groups: '" + e.key() + "': " + x.getMessage()
                        + (format == TagFormat.ETAG ? " (E-Tag groups are multicast E-CIDs, GRP not 0)" : ""));
            }
        }
        return new ExtenderSettings(name, format, upstream, List.copyOf(hosts), List.copyOf(cascades),
                List.copyOf(groups), List.copyOf(errors));
    }

    /** Every port the extender attaches to. */
    Set<String> portNames() {
        Set<String> out = new HashSet<>();
        out.add(upstream);
        hosts.forEach(h -> out.add(h.port()));
        cascades.forEach(c -> out.add(c.port()));
        return out;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
