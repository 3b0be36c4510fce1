package org.openevb.vdp.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openevb.api.config.ConfigSyntax;
import org.openevb.api.policy.PoliceRates;
import org.openevb.api.vdp.VsiPolicy;
import org.openevb.codec.MacAddress;
import org.openevb.vdp.VsiType;
import org.openevb.vdp.VsiTypeDatabase;

/**
 * The bridge's VSI type database from its configuration, checked: {@code vsis.per.port} and, per
 * type ID and version, {@code type.ID.VERSION.vlans} (VIDs and ranges) and optionally
 * {@code type.ID.VERSION.macs} (the MACs its VSIs may use; absent: any unicast MAC) and the policy
 * of its VSIs: {@code .police.rate}, {@code .police.burst}, {@code .police.pps},
 * {@code .police.burst.frames} (as a port's keys of those names), {@code .acl.in} and
 * {@code .acl.out} (ACL names, as a bridge port's keys).
 */
record VsiTypesSettings(VsiTypeDatabase database, List<String> errors) {

    static final String PER_PORT = "vsis.per.port";
    static final int DEFAULT_PER_PORT = 64;
    private static final Pattern TYPE_KEY = Pattern.compile(
            "type\\.(0x[0-9a-fA-F]+|\\d+)\\.(\\d+)\\.(vlans|macs|police\\.rate|police\\.burst|police\\.pps"
                    + "|police\\.burst\\.frames|acl\\.in|acl\\.out)");

    /** No configuration: no types, so every request is refused as an unknown type. */
    static final VsiTypesSettings EMPTY = new VsiTypesSettings(new VsiTypeDatabase(List.of(), DEFAULT_PER_PORT), List.of());

    static VsiTypesSettings from(Map<String, ?> properties) {
        List<String> errors = new ArrayList<>();
        Object perPortValue = properties.get(PER_PORT);
        int perPort = perPortValue == null ? DEFAULT_PER_PORT
                : ConfigSyntax.number(PER_PORT, perPortValue.toString(), 0, 1_000_000, errors);
        // type ID -> version -> what its keys say
        Map<Integer, Map<Integer, TypeKeys>> types = new TreeMap<>();
        for (Map.Entry<String, ?> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("type.") && !key.startsWith("type ")) {
                continue;
            }
            Matcher m = TYPE_KEY.matcher(key);
            if (!m.matches()) {
                errors.add(key + ": not type.ID.VERSION. followed by vlans, macs, police.rate, police.burst, police.pps,"
                        + " police.burst.frames, acl.in or acl.out");
                continue;
            }
            int id = ConfigSyntax.number(key, m.group(1), 0, 0xFFFFFF, errors);
            int version = ConfigSyntax.number(key, m.group(2), 0, 255, errors);
            TypeKeys slot = types.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(version, k -> new TypeKeys());
            String value = String.valueOf(e.getValue());
            switch (m.group(3)) {
                case "vlans" -> slot.vlans = vlans(key, value, errors);
                case "macs" -> slot.macs = macs(key, value, errors);
                default -> slot.policy.put(m.group(3), value);
            }
        }
        List<VsiType> list = new ArrayList<>();
        types.forEach((id, versions) -> versions.forEach((version, keys) -> {
            String prefix = "type." + id + "." + version + ".";
            if (keys.vlans == null) {
                errors.add(prefix + "vlans: missing (the VLANs this type may use)");
            }
            list.add(new VsiType(id, version, new TreeSet<>(keys.vlans == null ? Set.of() : keys.vlans), keys.macs,
                    policy(prefix, keys.policy, errors)));
        }));
        return new VsiTypesSettings(new VsiTypeDatabase(list, perPort), List.copyOf(errors));
    }

    /** The keys of one type ID and version as read. */
    private static final class TypeKeys {
        Set<Integer> vlans;
        Set<Long> macs = Set.of();
        /** police.* and acl.* by the part after type.ID.VERSION. */
        final Map<String, String> policy = new TreeMap<>();
    }

    boolean valid() {
        return errors.isEmpty();
    }

    /** The policy of a type's VSIs from its police.* and acl.* keys. */
    private static VsiPolicy policy(String prefix, Map<String, String> keys, List<String> errors) {
        PoliceRates police = PoliceRates.parse(prefix, keys.get("police.rate"), keys.get("police.burst"),
                keys.get("police.pps"), keys.get("police.burst.frames"), errors);
        String in = aclName(prefix + "acl.in", keys.get("acl.in"), errors);
        String out = aclName(prefix + "acl.out", keys.get("acl.out"), errors);
        VsiPolicy p = new VsiPolicy(police, in, out);
        return p.isEmpty() ? VsiPolicy.NONE : p;
    }

    /** An ACL's name, or empty for none. */
    private static String aclName(String key, String text, List<String> errors) {
        return text == null || text.isBlank() ? "" : ConfigSyntax.name(key, text, errors);
    }

    private static Set<Integer> vlans(String key, String text, List<String> errors) {
        Set<Integer> out = new TreeSet<>();
        for (String item : text.split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            try {
                int[] r = ConfigSyntax.range(item, 1, 4094);
                for (int v = r[0]; v <= r[1]; v++) {
                    out.add(v);
                }
            } catch (IllegalArgumentException e) {
                errors.add(key + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            errors.add(key + ": no VLAN");
        }
        return out;
    }

    private static Set<Long> macs(String key, String text, List<String> errors) {
        Set<Long> out = new HashSet<>();
        for (String item : text.split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            try {
                long mac = MacAddress.parse(item);
                if (MacAddress.isMulticast(mac)) {
                    errors.add(key + ": " + item + " is not a unicast MAC");
                } else {
                    out.add(mac);
                }
            } catch (IllegalArgumentException e) {
                errors.add(key + ": " + e.getMessage());
            }
        }
        return out;
    }
}
