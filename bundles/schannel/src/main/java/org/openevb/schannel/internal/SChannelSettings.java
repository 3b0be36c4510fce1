package org.openevb.schannel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openevb.api.config.CheckedSettings;
import org.openevb.api.config.ConfigSyntax;

/**
 * One S-VLAN component's configuration, checked: every bad key is named with the reason.
 *
 * @param cdcp whether CDCP runs: configured, and not refused for QinQ
 * @param qinq QinQ is configured on the port, which refuses CDCP
 * @param manualAccess manual channels (without CDCP) are access ports: no C-tagged frames
 * @param channels station with CDCP: SCID → 0; otherwise SCID → SVID (the default 1 → 1 not included)
 */
record SChannelSettings(String port, boolean bridge, boolean cdcp, boolean qinq, boolean manualAccess,
        Map<Integer, Integer> channels, int poolLow, int poolHigh, int capacity, List<String> errors)
        implements CheckedSettings {

    static final int DEFAULT_SCID = 1;
    static final int DEFAULT_SVID = 1;
    static final int MAX_SCID = 167;

    static SChannelSettings from(SChannelConfig c) {
        List<String> errors = new ArrayList<>();
        String port = c.port().trim();
        if (port.isEmpty()) {
            errors.add("port: missing");
        }
        String role = ConfigSyntax.choice("role", c.role(), List.of("station", "bridge"), errors);
        boolean bridge = role.equals("bridge");
        boolean qinq = ConfigSyntax.bool("qinq", c.qinq(), errors);
        // QinQ on the port refuses CDCP: the channels are fixed pairs then
        boolean cdcp = ConfigSyntax.bool("cdcp", c.cdcp(), errors) && !qinq;
        boolean manualAccess = ConfigSyntax.choice("manual.channels", c.manual_channels(), List.of("trunk", "access"),
                errors).equals("access");
        Map<Integer, Integer> channels = new TreeMap<>();
        Map<Integer, Integer> svidOwner = new TreeMap<>();
        for (String item : c.channels().split(",")) {
            String t = item.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] parts = t.split(":");
            try {
                int scid = Integer.parseInt(parts[0].trim());
                int svid = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
                if (scid < 1 || scid > MAX_SCID) {
                    errors.add(ConfigSyntax.problem("channels", t, "an SCID in 1.." + MAX_SCID));
                } else if (parts.length > 2 || svid < 0 || svid > 4094 || (!cdcp && parts.length < 2)) {
                    errors.add(ConfigSyntax.problem("channels", t, cdcp ? "an SCID" : "SCID:SVID with SVID 2..4094"));
                } else if (scid == DEFAULT_SCID) {
                    if (parts.length > 1 && svid != DEFAULT_SVID) {
                        errors.add(ConfigSyntax.problem("channels", t, "the default channel 1:1"));
                    }
                } else if (channels.put(scid, svid) != null) {
                    errors.add(ConfigSyntax.problem("channels", t, "a new SCID (" + scid + " is listed twice)"));
                } else if (!cdcp && (svid < 2 || svidOwner.put(svid, scid) != null)) {
                    errors.add(ConfigSyntax.problem("channels", t, svid < 2 ? "SCID:SVID with SVID 2..4094"
                            : "a free S-VID (" + svid + " is already used by another channel)"));
                }
            } catch (NumberFormatException e) {
                errors.add(ConfigSyntax.problem("channels", t, cdcp ? "an SCID" : "SCID:SVID"));
            }
        }
        if (cdcp && !bridge && channels.values().stream().anyMatch(v -> v != 0)) {
            errors.add("channels: with CDCP the station lists SCIDs only; the bridge assigns the S-VIDs");
        }
        int low = 2;
        int high = 4094;
        try {
            int[] pool = ConfigSyntax.range(c.svid_pool().trim(), 2, 4094);
            low = pool[0];
            high = pool[1];
        } catch (IllegalArgumentException e) {
            errors.add(ConfigSyntax.problem("svid.pool", c.svid_pool(), "a range LOW-HIGH within 2..4094"));
        }
        int capacity = ConfigSyntax.number("channel.capacity", c.channel_capacity(), 1, MAX_SCID, errors);
        if (!bridge && capacity < channels.size() + 1) {
            errors.add(ConfigSyntax.problem("channel.capacity", c.channel_capacity(),
                    "at least the " + (channels.size() + 1) + " channels configured"));
        }
        return new SChannelSettings(port, bridge, cdcp, qinq, manualAccess, Map.copyOf(channels), low, high, capacity,
                List.copyOf(errors));
    }

    String role() {
        return bridge ? "bridge" : "station";
    }
}
