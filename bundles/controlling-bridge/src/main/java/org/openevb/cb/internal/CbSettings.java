package org.openevb.cb.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openevb.api.config.CheckedSettings;
import org.openevb.api.config.ConfigSyntax;
import org.openevb.api.extension.TagFormat;

/** A controlling bridge's configuration, validated; every bad value is reported with its key and the reason. */
record CbSettings(String name, List<CascadeSpec> cascades, List<String> errors) implements CheckedSettings {

    static final int MAX_ID = 0xFFF;
    static final int MIN_ETAG_GROUP = 0x1000;
    static final int MAX_GROUP = 0x3FFF;

    /** One cascade port, its extended ports (sorted ids) and replication groups. */
    record CascadeSpec(String port, TagFormat format, int[] ids, List<GroupSpec> groups) {

        /** The bridge port name of extended port {@code id}. */
        String portName(int id) {
            return port + (format == TagFormat.ETAG ? ".e" : ".v") + id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CascadeSpec c && c.port.equals(port) && c.format == format && Arrays.equals(c.ids, ids)
                    && c.groups.equals(groups);
        }

        @Override
        public int hashCode() {
            return port.hashCode();
        }
    }

    record GroupSpec(int id, int[] members) {
        @Override
        public boolean equals(Object o) {
            return o instanceof GroupSpec g && g.id == id && Arrays.equals(g.members, members);
        }

        @Override
        public int hashCode() {
            return id;
        }
    }

    static CbSettings from(CbConfig config) {
        List<String> errors = new ArrayList<>();
        String name = ConfigSyntax.name("name", config.name(), errors);
        Map<String, TagFormat> formats = new LinkedHashMap<>();
        for (ConfigSyntax.Entry e : ConfigSyntax.entries(config.cascades(), "cascades", errors)) {
            TagFormat f = e.values().size() == 1 ? TagFormat.parse(e.values().get(0)) : null;
            if (f == null) {
                errors.add(ConfigSyntax.problem("cascades", e.text(), "PORT: FORMAT with FORMAT one of etag, vntag"));
            } else if (formats.putIfAbsent(e.key(), f) != null) {
                errors.add("cascades: '" + e.key() + "' is listed twice");
            }
        }
        if (formats.isEmpty()) {
            errors.add("cascades: no cascade port listed");
        }
        Map<String, TreeSet<Integer>> ids = new HashMap<>();
        for (ConfigSyntax.Entry e : ConfigSyntax.entries(config.extended_ports(), "extended.ports", errors)) {
            if (!formats.containsKey(e.key())) {
                errors.add("extended.ports: '" + e.key() + "' is not one of the cascades");
                continue;
            }
            TreeSet<Integer> set = ids.computeIfAbsent(e.key(), k -> new TreeSet<>());
            for (String v : e.values()) {
                try {
                    int[] r = ConfigSyntax.range(v, 1, MAX_ID);
                    for (int id = r[0]; id <= r[1]; id++) {
                        if (!set.add(id)) {
                            errors.add("extended.ports: '" + e.key() + "': E-CID/vif " + id + " is listed twice");
                        }
                    }
                } catch (IllegalArgumentException x) {
                    errors.add("extended.ports: '" + e.key() + "': " + x.getMessage());
                }
            }
        }
        Map<String, List<GroupSpec>> groups = new HashMap<>();
        for (ConfigSyntax.Entry e : ConfigSyntax.entries(config.groups(), "groups", errors)) {
            int slash = e.key().lastIndexOf('/');
            String cascade = slash < 0 ? "" : e.key().substring(0, slash);
            TagFormat format = formats.get(cascade);
            if (format == null) {
                errors.add(ConfigSyntax.problem("groups", e.key(), "CASCADE/ID with CASCADE one of the cascades"));
                continue;
            }
            try {
                int min = format == TagFormat.ETAG ? MIN_ETAG_GROUP : 1;
                int id;
                try {
                    id = ConfigSyntax.range(e.key().substring(slash + 1), min, MAX_GROUP)[0];
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException(x.getMessage()
                            + (format == TagFormat.ETAG ? " (E-Tag groups are multicast E-CIDs, GRP not 0)" : ""));
                }
                List<GroupSpec> list = groups.computeIfAbsent(cascade, k -> new ArrayList<>());
                if (list.stream().anyMatch(g -> g.id() == id)) {
                    throw new IllegalArgumentException("defined twice");
                }
                TreeSet<Integer> members = new TreeSet<>();
                TreeSet<Integer> known = ids.getOrDefault(cascade, new TreeSet<>());
                for (String v : e.values()) {
                    int[] r = ConfigSyntax.range(v, 1, MAX_ID);
                    for (int m = r[0]; m <= r[1]; m++) {
                        if (!known.contains(m)) {
                            throw new IllegalArgumentException("member " + m + " is not an extended port of '" + cascade + "'");
                        }
                        members.add(m);
                    }
                }
                list.add(new GroupSpec(id, members.stream().mapToInt(Integer::intValue).toArray()));
            } catch (IllegalArgumentException x) {
                errors.add("groups: '" + e.key() + "': " + x.getMessage());
            }
        }
        List<CascadeSpec> cascades = new ArrayList<>();
        formats.forEach((port, format) -> cascades.add(new CascadeSpec(port, format,
                ids.getOrDefault(port, new TreeSet<>()).stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(groups.getOrDefault(port, List.of())))));
        return new CbSettings(name, List.copyOf(cascades), List.copyOf(errors));
    }

    CascadeSpec cascade(String port) {
        for (CascadeSpec c : cascades) {
            if (c.port().equals(port)) {
                return c;
            }
        }
        return null;
    }
}
