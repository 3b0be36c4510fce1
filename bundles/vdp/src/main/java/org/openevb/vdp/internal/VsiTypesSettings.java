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
import org.openevb.codec.MacAddress;
import org.openevb.vdp.VsiType;
import org.openevb.vdp.VsiTypeDatabase;

/**
 * The bridge's VSI type database from its configuration, checked: {@code vsis.per.port} and, per
 * type ID and version, {@code type.ID.VERSION.vlans} (VIDs and ranges) and optionally
 * {@code type.ID.VERSION.macs} (the MACs its VSIs may use; absent: any unicast MAC).
 */
record VsiTypesSettings(VsiTypeDatabase database, List<String> errors) {

    static final String PER_PORT = "vsis.per.port";
    static final int DEFAULT_PER_PORT = 64;
    private static final Pattern TYPE_KEY = Pattern.compile("type\\.(0x[0-9a-fA-F]+|\\d+)\\.(\\d+)\\.(vlans|macs)");

    /** No configuration: no types, so every request is refused as an unknown type. */
    static final VsiTypesSettings EMPTY = new VsiTypesSettings(new VsiTypeDatabase(List.of(), DEFAULT_PER_PORT), List.of());

    static VsiTypesSettings from(Map<String, ?> properties) {
        List<String> errors = new ArrayList<>();
        Object perPortValue = properties.get(PER_PORT);
        int perPort = perPortValue == null ? DEFAULT_PER_PORT
                : ConfigSyntax.number(PER_PORT, perPortValue.toString(), 0, 1_000_000, errors);
        // type ID -> version -> [vlans, macs]
        Map<Integer, Map<Integer, Object[]>> types = new TreeMap<>();
        for (Map.Entry<String, ?> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("type.") && !key.startsWith("type ")) {
                continue;
            }
            Matcher m = TYPE_KEY.matcher(key);
            if (!m.matches()) {
                errors.add(key + ": not type.ID.VERSION.vlans or type.ID.VERSION.macs");
                continue;
            }
            int id = ConfigSyntax.number(key, m.group(1), 0, 0xFFFFFF, errors);
            int version = ConfigSyntax.number(key, m.group(2), 0, 255, errors);
            Object[] slot = types.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(version, k -> new Object[2]);
            String value = String.valueOf(e.getValue());
            if (m.group(3).equals("vlans")) {
                slot[0] = vlans(key, value, errors);
            } else {
                slot[1] = macs(key, value, errors);
            }
        }
        List<VsiType> list = new ArrayList<>();
        types.forEach((id, versions) -> versions.forEach((version, slot) -> {
            @SuppressWarnings("unchecked")
            Set<Integer> vlans = slot[0] == null ? Set.of() : (Set<Integer>) slot[0];
            @SuppressWarnings("unchecked")
            Set<Long> macs = slot[1] == null ? Set.of() : (Set<Long>) slot[1];
            if (slot[0] == null) {
                errors.add("type." + id + "." + version + ".vlans: missing (the VLANs this type may use)");
            }
            list.add(new VsiType(id, version, new TreeSet<>(vlans), macs));
        }));
        return new VsiTypesSettings(new VsiTypeDatabase(list, perPort), List.copyOf(errors));
    }

    boolean valid() {
        return errors.isEmpty();
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
