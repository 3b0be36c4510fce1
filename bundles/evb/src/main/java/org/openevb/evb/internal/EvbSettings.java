package org.openevb.evb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openevb.api.config.ConfigSyntax;

/** One EVB configuration, checked: every bad key is named with the reason. */
record EvbSettings(String portsText, List<Pattern> ports, boolean bridge, boolean reflectiveRelay, boolean groupIds,
        int r, int rte, int rwd, int rka, List<String> errors) {

    static EvbSettings from(EvbConfig c) {
        List<String> errors = new ArrayList<>();
        List<Pattern> ports = ConfigSyntax.globs(c.ports());
        if (ports.isEmpty()) {
            errors.add("ports: missing");
        }
        String role = c.role().trim().toLowerCase(Locale.ROOT);
        if (!role.equals("station") && !role.equals("bridge")) {
            errors.add("role: '" + c.role() + "' is not station or bridge");
        }
        boolean rr = bool("reflective.relay", c.reflective_relay(), errors);
        boolean gid = bool("group.ids", c.group_ids(), errors);
        int r = number("ecp.retries", c.ecp_retries(), 7, errors);
        int rte = number("ecp.rte", c.ecp_rte(), 31, errors);
        int rwd = number("vdp.rwd", c.vdp_rwd(), 31, errors);
        int rka = number("vdp.rka", c.vdp_rka(), 31, errors);
        return new EvbSettings(c.ports().trim(), List.copyOf(ports), role.equals("bridge"), rr, gid, r, rte, rwd, rka,
                List.copyOf(errors));
    }

    boolean valid() {
        return errors.isEmpty();
    }

    boolean matches(String port) {
        return ports.stream().anyMatch(p -> p.matcher(port).matches());
    }

    String role() {
        return bridge ? "bridge" : "station";
    }

    private static boolean bool(String key, String text, List<String> errors) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("on")) {
            return true;
        }
        if (!t.equals("false") && !t.equals("no") && !t.equals("off")) {
            errors.add(key + ": '" + text + "' is not true or false");
        }
        return false;
    }

    private static int number(String key, String text, int max, List<String> errors) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v < 0 || v > max) {
                errors.add(key + ": " + v + " is not in 0.." + max);
                return Math.max(0, Math.min(max, v));
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(key + ": '" + text + "' is not a number");
            return 0;
        }
    }
}
