package org.openevb.evb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openevb.api.config.CheckedSettings;
import org.openevb.api.config.ConfigSyntax;

/** One EVB configuration, checked: every bad key is named with the reason. */
record EvbSettings(String portsText, List<Pattern> ports, boolean bridge, boolean reflectiveRelay, boolean groupIds,
        int r, int rte, int rwd, int rka, String lagMembersText, List<Pattern> lagMembers, boolean vdp,
        List<String> errors) implements CheckedSettings {

    static EvbSettings from(EvbConfig c) {
        List<String> errors = new ArrayList<>();
        List<Pattern> ports = ConfigSyntax.globs(c.ports());
        if (ports.isEmpty()) {
            errors.add("ports: missing");
        }
        String role = ConfigSyntax.choice("role", c.role(), List.of("station", "bridge"), errors);
        boolean rr = ConfigSyntax.bool("reflective.relay", c.reflective_relay(), errors);
        boolean gid = ConfigSyntax.bool("group.ids", c.group_ids(), errors);
        int r = ConfigSyntax.number("ecp.retries", c.ecp_retries(), 0, 7, errors);
        int rte = ConfigSyntax.number("ecp.rte", c.ecp_rte(), 0, 31, errors);
        int rwd = ConfigSyntax.number("vdp.rwd", c.vdp_rwd(), 0, 31, errors);
        int rka = ConfigSyntax.number("vdp.rka", c.vdp_rka(), 0, 31, errors);
        List<Pattern> lag = ConfigSyntax.globs(c.lag_members());
        boolean vdp = ConfigSyntax.bool("vdp", c.vdp(), errors);
        return new EvbSettings(c.ports().trim(), List.copyOf(ports), role.equals("bridge"), rr, gid, r, rte, rwd, rka,
                c.lag_members().trim(), List.copyOf(lag), vdp, List.copyOf(errors));
    }

    boolean lagMember(String port) {
        return lagMembers.stream().anyMatch(p -> p.matcher(port).matches());
    }

    boolean matches(String port) {
        return ports.stream().anyMatch(p -> p.matcher(port).matches());
    }

    String role() {
        return bridge ? "bridge" : "station";
    }
}
