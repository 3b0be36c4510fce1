package org.openevb.bridge.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.openevb.api.bridge.PortRole;
import org.openevb.api.config.CheckedSettings;
import org.openevb.codec.MacAddress;

/** A bridge's configuration, validated; every bad key is reported with the key and the reason. */
record BridgeSettings(
        String name,
        String mode,
        List<PortSpec> ports,
        int agingSeconds,
        int fdbMaxEntries,
        List<StaticEntry> statics,
        List<String> errors) implements CheckedSettings {

    static final int DEFAULT_AGING_SECONDS = 300;
    static final int DEFAULT_FDB_MAX = 8192;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    /**
     * One port of the bridge.
     *
     * @param members VLANs the port belongs to (tagged and untagged)
     * @param untagged VLANs sent untagged
     * @param adminReflectiveRelay reflective relay as configured, or null when the configuration
     *     leaves it to the EVB TLV exchange (off while nothing is negotiated)
     */
    record PortSpec(String name, PortRole role, int pvid, VlanSet members, VlanSet untagged,
            Boolean adminReflectiveRelay) {
    }

    record StaticEntry(long mac, String port, int vid) {
    }

    static BridgeSettings from(BridgeConfig config, Map<String, ?> properties) {
        List<String> errors = new ArrayList<>();
        String name = trim(config.name());
        if (name.isEmpty()) {
            errors.add("name: missing");
        } else if (!NAME.matcher(name).matches()) {
            errors.add("name: '" + name + "' must be 1..64 of letters, digits, '.', '_', ':', '-'");
        }
        String mode = trim(config.mode());
        if (mode.isEmpty()) {
            errors.add("mode: missing");
        }
        String uplink = trim(config.uplink());
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String p : trim(config.ports()).split(",")) {
            String n = p.trim();
            if (n.isEmpty()) {
                continue;
            }
            if (!seen.add(n)) {
                errors.add("ports: '" + n + "' is listed twice");
            } else {
                names.add(n);
            }
        }
        if (names.isEmpty()) {
            errors.add("ports: no port listed");
        }
        if (!uplink.isEmpty() && !seen.contains(uplink)) {
            errors.add("uplink: '" + uplink + "' is not one of the ports");
        }
        List<PortSpec> ports = new ArrayList<>();
        for (String n : names) {
            PortRole role = uplink.isEmpty() ? PortRole.BRIDGE : n.equals(uplink) ? PortRole.UPLINK : PortRole.VSI;
            ports.add(portSpec(n, role, properties, errors));
        }
        int aging = range(errors, "aging.seconds", config::aging_seconds, 10, 1_000_000, DEFAULT_AGING_SECONDS);
        int max = range(errors, "fdb.max.entries", config::fdb_max_entries, 16, 1 << 20, DEFAULT_FDB_MAX);
        List<StaticEntry> statics = statics(trim(config.static_fdb()), seen, errors);
        return new BridgeSettings(name, mode, List.copyOf(ports), aging, max, List.copyOf(statics), List.copyOf(errors));
    }

    /** The same settings with another mode. */
    BridgeSettings withMode(String otherMode) {
        return new BridgeSettings(name, otherMode, ports, agingSeconds, fdbMaxEntries, statics, errors);
    }

    /** Index of the uplink port, or -1. */
    int uplink() {
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).role() == PortRole.UPLINK) {
                return i;
            }
        }
        return -1;
    }

    int indexOf(String port) {
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).name().equals(port)) {
                return i;
            }
        }
        return -1;
    }

    private static PortSpec portSpec(String port, PortRole role, Map<String, ?> props, List<String> errors) {
        String prefix = "port." + port + ".";
        int pvid = 1;
        String pvidText = text(props, prefix + "pvid");
        if (pvidText != null) {
            try {
                pvid = Integer.parseInt(pvidText.trim());
                if (pvid < 1 || pvid > VlanSet.MAX_VID) {
                    errors.add(prefix + "pvid: " + pvid + " is outside 1..4094");
                    pvid = 1;
                }
            } catch (NumberFormatException e) {
                errors.add(prefix + "pvid: '" + pvidText + "' is not a VLAN ID");
            }
        }
        VlanSet tagged = vlans(props, prefix + "vlans", errors);
        String untaggedText = text(props, prefix + "untagged");
        VlanSet untagged = untaggedText == null ? VlanSet.of(pvid) : vlans(props, prefix + "untagged", errors);
        VlanSet members = new VlanSet();
        members.addAll(tagged);
        members.addAll(untagged);
        members.add(pvid);
        String rr = text(props, prefix + "reflective.relay");
        Boolean relay = null;
        if (rr != null) {
            String v = rr.trim().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("true") || v.equals("on")) {
                relay = true;
            } else if (v.equals("false") || v.equals("off")) {
                relay = false;
            } else if (!v.isEmpty() && !v.equals("negotiated")) {
                errors.add(prefix + "reflective.relay: '" + rr + "' is not true, false or negotiated");
            }
        }
        return new PortSpec(port, role, pvid, members, untagged, relay);
    }

    private static VlanSet vlans(Map<String, ?> props, String key, List<String> errors) {
        String text = text(props, key);
        try {
            return VlanSet.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(key + ": " + e.getMessage());
            return new VlanSet();
        }
    }

    private static List<StaticEntry> statics(String text, Set<String> ports, List<String> errors) {
        List<StaticEntry> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String entry : text.split(",")) {
            String[] f = entry.trim().split("\\s+");
            if (f.length < 2 || f.length > 3) {
                errors.add("static.fdb: '" + entry.trim() + "' is not 'MAC PORT [VID]'");
                continue;
            }
            try {
                long mac = MacAddress.parse(f[0]);
                int vid = f.length == 3 ? Integer.parseInt(f[2]) : 1;
                if (vid < 1 || vid > VlanSet.MAX_VID) {
                    throw new IllegalArgumentException("VID " + vid + " is outside 1..4094");
                }
                if (!ports.contains(f[1])) {
                    throw new IllegalArgumentException("port '" + f[1] + "' is not one of the ports");
                }
                out.add(new StaticEntry(mac, f[1], vid));
            } catch (IllegalArgumentException e) {
                errors.add("static.fdb: '" + entry.trim() + "': " + e.getMessage());
            }
        }
        return out;
    }

    private static int range(List<String> errors, String key, IntSupplier read, int min, int max, int fallback) {
        int value;
        try {
            value = read.getAsInt();
        } catch (RuntimeException e) {
            errors.add(key + ": not a whole number");
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(key + ": " + value + " is out of range " + min + ".." + max);
            return fallback;
        }
        return value;
    }

    private static String text(Map<String, ?> props, String key) {
        Object v = props.get(key);
        return v == null ? null : v.toString();
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
