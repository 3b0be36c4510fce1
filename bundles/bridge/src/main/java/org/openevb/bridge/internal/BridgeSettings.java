package org.openevb.bridge.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openevb.api.bridge.PortRole;
import org.openevb.api.config.CheckedSettings;
import org.openevb.api.config.ConfigSyntax;
import org.openevb.codec.MacAddress;

/** A bridge's configuration, validated; every bad key is reported with the key and the reason. */
record BridgeSettings(
        String name,
        String mode,
        List<PortSpec> ports,
        int agingSeconds,
        int fdbMaxEntries,
        List<StaticEntry> statics,
        VsiEnforcement vsiEnforcement,
        Map<Integer, String> vlanAcls,
        Map<Integer, String> vlanAclsOut,
        boolean kernelForwarding,
        List<String> errors) implements CheckedSettings {

    static final int DEFAULT_AGING_SECONDS = 300;
    static final int DEFAULT_FDB_MAX = 8192;

    /**
     * One port of the bridge.
     *
     * @param members VLANs the port belongs to (tagged and untagged)
     * @param untagged VLANs sent untagged
     * @param adminReflectiveRelay reflective relay as configured, or null when the configuration
     *     leaves it to the EVB TLV exchange (off while nothing is negotiated)
     * @param isolated whether the port is isolated: its frames reach only ports that are not, never
     *     another isolated port nor itself (no reflection), as a private VLAN's isolated port
     * @param aclIn the ACL judging frames received on the port, empty for none
     * @param aclOut the ACL judging frames sent on the port, empty for none
     */
    record PortSpec(String name, PortRole role, int pvid, VlanSet members, VlanSet untagged,
            Boolean adminReflectiveRelay, boolean isolated, String aclIn, String aclOut) {
    }

    record StaticEntry(long mac, String port, int vid) {
    }

    /** What the data path does with frames of no associated VSI on a port where VDP runs in the bridge role. */
    enum VsiEnforcement {
        /** VDP's associations are not looked at: every port forwards as configured. */
        OFF,
        /** Counted, forwarded anyway; the VSIs' VIDs join their ports. */
        COUNT_ONLY,
        /** Dropped and counted; the VSIs' VIDs join their ports. */
        ENFORCE;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    static BridgeSettings from(BridgeConfig config, Map<String, ?> properties) {
        List<String> errors = new ArrayList<>();
        String name = ConfigSyntax.name("name", config.name(), errors);
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
            errors.add(ConfigSyntax.problem("uplink", uplink, "one of the ports"));
        }
        List<PortSpec> ports = new ArrayList<>();
        for (String n : names) {
            PortRole role = uplink.isEmpty() ? PortRole.BRIDGE : n.equals(uplink) ? PortRole.UPLINK : PortRole.VSI;
            ports.add(portSpec(n, role, properties, errors));
        }
        int aging = ConfigSyntax.number("aging.seconds", config.aging_seconds(), 10, 1_000_000, errors);
        int max = ConfigSyntax.number("fdb.max.entries", config.fdb_max_entries(), 16, 1 << 20, errors);
        List<StaticEntry> statics = statics(trim(config.static_fdb()), seen, errors);
        VsiEnforcement enforcement = enforcement(trim(config.vsi_enforcement()), errors);
        Map<Integer, String> vlanAcls = vlanAcls(properties, false, errors);
        Map<Integer, String> vlanAclsOut = vlanAcls(properties, true, errors);
        String kernelText = trim(config.kernel_forwarding());
        boolean kernel = !kernelText.isEmpty() && ConfigSyntax.bool("kernel.forwarding", kernelText, errors);
        return new BridgeSettings(name, mode, List.copyOf(ports), aging, max, List.copyOf(statics), enforcement, vlanAcls,
                vlanAclsOut, kernel, List.copyOf(errors));
    }

    /** The same settings with another mode. */
    BridgeSettings withMode(String otherMode) {
        return new BridgeSettings(name, otherMode, ports, agingSeconds, fdbMaxEntries, statics, vsiEnforcement, vlanAcls,
                vlanAclsOut, kernelForwarding, errors);
    }

    /**
     * The ACLs of one direction of the VLANs, by VID: of the {@code vlan.<VID>.acl.in} keys (or
     * {@code vlan.<VID>.acl}, its older spelling), judging every frame received into the VLAN; or
     * of the {@code vlan.<VID>.acl.out} keys, judging every frame the bridge sends in it.
     */
    private static Map<Integer, String> vlanAcls(Map<String, ?> props, boolean egress, List<String> errors) {
        java.util.TreeMap<Integer, String> out = new java.util.TreeMap<>();
        for (Map.Entry<String, ?> e : new java.util.TreeMap<>(props).entrySet()) {
            String key = e.getKey();
            String suffix = egress ? ".acl.out" : key.endsWith(".acl.in") ? ".acl.in" : ".acl";
            if (!key.startsWith("vlan.") || !key.endsWith(suffix)) {
                continue;
            }
            String vid = key.substring("vlan.".length(), key.length() - suffix.length());
            int v = vid.matches("[0-9]{1,4}") ? Integer.parseInt(vid) : 0;
            if (v < 1 || v > VlanSet.MAX_VID) {
                errors.add(key + ": '" + vid + "' is not a VID in 1.." + VlanSet.MAX_VID);
                continue;
            }
            String text = e.getValue() == null ? "" : e.getValue().toString();
            if (!text.isBlank()) {
                if (out.containsKey(v)) {
                    errors.add("vlan." + v + ".acl, vlan." + v + ".acl.in: both set (the same key, spelled two ways)");
                }
                out.put(v, ConfigSyntax.name(key, text, errors));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static VsiEnforcement enforcement(String text, List<String> errors) {
        if (text.isEmpty()) {
            return VsiEnforcement.OFF;
        }
        List<String> words = java.util.Arrays.stream(VsiEnforcement.values()).map(VsiEnforcement::key).toList();
        String chosen = ConfigSyntax.choice("vsi.enforcement", text, words, errors);
        return VsiEnforcement.values()[words.indexOf(chosen)];
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
        String pvidText = text(props, prefix + "pvid");
        int pvid = pvidText == null ? 1 : ConfigSyntax.number(prefix + "pvid", pvidText, 1, VlanSet.MAX_VID, errors);
        VlanSet tagged = vlans(props, prefix + "vlans", errors);
        String untaggedText = text(props, prefix + "untagged");
        VlanSet untagged = untaggedText == null ? VlanSet.of(pvid) : vlans(props, prefix + "untagged", errors);
        VlanSet members = new VlanSet();
        members.addAll(tagged);
        members.addAll(untagged);
        members.add(pvid);
        String rr = text(props, prefix + "reflective.relay");
        Boolean relay = null;
        if (rr != null && !rr.isBlank() && !rr.trim().equalsIgnoreCase("negotiated")) {
            // true or false fixes it; empty or 'negotiated' leaves it to the EVB TLV exchange
            List<String> notABool = new ArrayList<>();
            relay = ConfigSyntax.bool(prefix + "reflective.relay", rr, notABool);
            if (!notABool.isEmpty()) {
                errors.add(ConfigSyntax.problem(prefix + "reflective.relay", rr, "true, false or negotiated"));
            }
        }
        String isolatedText = text(props, prefix + "isolated");
        boolean isolated = isolatedText != null && !isolatedText.isBlank()
                && ConfigSyntax.bool(prefix + "isolated", isolatedText, errors);
        return new PortSpec(port, role, pvid, members, untagged, relay, isolated, acl(props, prefix + "acl.in", errors),
                acl(props, prefix + "acl.out", errors));
    }

    /** The ACL a key binds, empty for none. */
    private static String acl(Map<String, ?> props, String key, List<String> errors) {
        String text = text(props, key);
        return text == null || text.isBlank() ? "" : ConfigSyntax.name(key, text, errors);
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
                errors.add(ConfigSyntax.problem("static.fdb", entry, "'MAC PORT [VID]'"));
                continue;
            }
            try {
                long mac = MacAddress.parse(f[0]);
                int vid;
                try {
                    vid = f.length == 3 ? ConfigSyntax.number(f[2]) : 1;
                } catch (NumberFormatException notANumber) {
                    vid = 0;
                }
                if (vid < 1 || vid > VlanSet.MAX_VID) {
                    throw new IllegalArgumentException("'" + f[2] + "' is not a VID in 1..4094");
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

    private static String text(Map<String, ?> props, String key) {
        Object v = props.get(key);
        return v == null ? null : v.toString();
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
