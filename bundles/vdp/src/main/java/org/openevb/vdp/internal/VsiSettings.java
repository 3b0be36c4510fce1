package org.openevb.vdp.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.openevb.api.config.ConfigFiles;
import org.openevb.api.config.ConfigSyntax;
import org.openevb.codec.MacAddress;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VsiTlv;
import org.openevb.vdp.AnnounceSchedule;
import org.openevb.vdp.VdpCommand;
import org.openevb.vdp.Vsi;
import org.openevb.vdp.VsiId;

/**
 * One station VSI's configuration, checked: every bad key is named with the reason.
 *
 * @param relayPort the edge relay port the VSI is attached to, "" for none
 * @param announce  when the VSI is announced after migrating here, null when it is not
 * @param command   what to ask when VDP starts on the port, null for nothing
 * @param vsi       the VSI, null when the configuration is invalid
 */
record VsiSettings(String name, String port, String relayPort, Vsi vsi, VdpCommand command, AnnounceSchedule announce,
        List<String> errors) {

    static final String FILE_PREFIX = VsiConfigComponent.PID + "-";
    static final int MAX_ROUNDS = 100;
    static final int MAX_INTERVAL_MILLIS = 60_000;

    static VsiSettings from(VsiConfig c, Map<String, ?> properties) {
        List<String> errors = new ArrayList<>();
        String name = c.name().trim();
        if (name.isEmpty()) {
            name = nameOfFile(properties);
        }
        if (name.isEmpty()) {
            errors.add("name: missing (and no file name to take it from)");
        }
        String port = c.port().trim();
        if (port.isEmpty()) {
            errors.add("port: missing");
        }
        String relayPort = c.relay_port().trim();
        if (!relayPort.isEmpty() && relayPort.equals(port)) {
            errors.add("relay.port: '" + relayPort + "' is the VDP port itself; name the relay's port towards the VM");
        }
        byte[] manager = managerId(c.manager_id(), errors);
        int typeId = 0;
        if (c.type_id().isBlank()) {
            errors.add("type.id: missing");
        } else {
            typeId = ConfigSyntax.number("type.id", c.type_id(), 0, 0xFFFFFF, errors);
        }
        int typeVersion = ConfigSyntax.number("type.version", c.type_version(), 0, 255, errors);
        VsiId id = vsiid(c.vsiid(), errors);
        int format = filterFormat(c.filter_format(), errors);
        List<FilterEntry> entries = format == 0 ? List.of() : filter(c.filter(), format, errors);
        VdpCommand command = command(c.command(), errors);
        AnnounceSchedule announce = announce(c, errors);
        Vsi vsi = null;
        if (errors.isEmpty()) {
            try {
                vsi = new Vsi(manager, id, typeId, typeVersion, format, entries);
            } catch (IllegalArgumentException e) {
                errors.add("filter: " + e.getMessage());
            }
        }
        return new VsiSettings(name, port, relayPort, vsi, command, announce, List.copyOf(errors));
    }

    boolean valid() {
        return errors.isEmpty();
    }

    /** {@code web1} for {@code .../org.openevb.vsi-web1.cfg}, "" without a file. */
    static String nameOfFile(Map<String, ?> properties) {
        Path file = ConfigFiles.file(properties);
        if (file == null) {
            return "";
        }
        String f = file.getFileName().toString();
        if (f.startsWith(FILE_PREFIX) && f.endsWith(".cfg")) {
            return f.substring(FILE_PREFIX.length(), f.length() - 4);
        }
        return "";
    }

    static byte[] managerId(String text, List<String> errors) {
        String t = text.trim();
        byte[] id = new byte[16];
        if (t.isEmpty() || t.equals("0")) {
            return id;
        }
        if (t.matches("[0-9a-fA-F]{32}")) {
            return HexFormat.of().parseHex(t);
        }
        // only literals: a host name would need a DNS look-up
        if (t.matches("\\d{1,3}(\\.\\d{1,3}){3}") || t.contains(":")) {
            try {
                byte[] a = InetAddress.getByName(t).getAddress();
                System.arraycopy(a, 0, id, 16 - a.length, a.length);
                if (a.length == 4) {
                    id[10] = (byte) 0xFF; // IPv4-mapped, as the VSIID carries IPv4
                    id[11] = (byte) 0xFF;
                }
                return id;
            } catch (UnknownHostException | IllegalArgumentException e) {
                // reported below
            }
        }
        errors.add("manager.id: '" + text + "' is not an IPv4 or IPv6 address, 32 hex digits or 0");
        return id;
    }

    static VsiId vsiid(String text, List<String> errors) {
        String t = text.trim();
        int colon = t.indexOf(':');
        if (colon <= 0) {
            errors.add("vsiid: '" + text + "' is not FORMAT:VALUE (uuid, mac, ipv4, ipv6, local)");
            return null;
        }
        String format = t.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = t.substring(colon + 1).trim();
        try {
            switch (format) {
                case "uuid":
                    return VsiId.uuid(UUID.fromString(value));
                case "mac":
                    return VsiId.mac(MacAddress.parse(value));
                case "ipv4":
                    if (!value.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                        throw new IllegalArgumentException("not a dotted IPv4 address");
                    }
                    return VsiId.ipv4(InetAddress.getByName(value).getAddress());
                case "ipv6":
                    if (!value.contains(":")) {
                        throw new IllegalArgumentException("not an IPv6 address");
                    }
                    byte[] a = InetAddress.getByName(value).getAddress();
                    if (a.length != 16) {
                        throw new IllegalArgumentException("not an IPv6 address");
                    }
                    return VsiId.ipv6(a);
                case "local":
                    if (!value.matches("[0-9a-fA-F]{32}")) {
                        throw new IllegalArgumentException("a local VSIID is 32 hex digits");
                    }
                    return VsiId.local(HexFormat.of().parseHex(value));
                default:
                    errors.add("vsiid: unknown format '" + format + "' (uuid, mac, ipv4, ipv6, local)");
                    return null;
            }
        } catch (IllegalArgumentException | UnknownHostException e) {
            errors.add("vsiid: '" + text + "': " + e.getMessage());
            return null;
        }
    }

    static int filterFormat(String text, List<String> errors) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "vid" -> VsiTlv.FILTER_VID;
            case "mac-vid" -> VsiTlv.FILTER_MAC_VID;
            case "group-vid" -> VsiTlv.FILTER_GROUP_VID;
            case "group-mac-vid" -> VsiTlv.FILTER_GROUP_MAC_VID;
            default -> {
                errors.add("filter.format: '" + text + "' is not vid, mac-vid, group-vid or group-mac-vid");
                yield 0;
            }
        };
    }

    /** Entries {@code [GROUP/][MAC/]VID[@PCP]}, the parts the format carries, in that order. */
    static List<FilterEntry> filter(String text, int format, List<String> errors) {
        List<FilterEntry> out = new ArrayList<>();
        boolean group = format == VsiTlv.FILTER_GROUP_VID || format == VsiTlv.FILTER_GROUP_MAC_VID;
        boolean mac = format == VsiTlv.FILTER_MAC_VID || format == VsiTlv.FILTER_GROUP_MAC_VID;
        int parts = 1 + (group ? 1 : 0) + (mac ? 1 : 0);
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String[] p = entry.split("/");
            if (p.length != parts) {
                errors.add("filter: '" + entry + "' is not " + (group ? "GROUP/" : "") + (mac ? "MAC/" : "") + "VID[@PCP]");
                continue;
            }
            try {
                int i = 0;
                int groupId = group ? (int) Long.parseLong(p[i++].trim()) : 0;
                long m = mac ? MacAddress.parse(p[i++].trim()) : 0;
                String vidText = p[i].trim();
                int at = vidText.indexOf('@');
                int pcp = at < 0 ? 0 : ConfigSyntax.number(vidText.substring(at + 1));
                int vid = ConfigSyntax.number(at < 0 ? vidText : vidText.substring(0, at));
                if (mac && (MacAddress.isMulticast(m) || m == 0)) {
                    throw new IllegalArgumentException("not a unicast MAC");
                }
                out.add(new FilterEntry(groupId, m, at >= 0, pcp, vid));
            } catch (IllegalArgumentException e) {
                errors.add("filter: '" + entry + "': " + e.getMessage());
            }
        }
        if (out.isEmpty() && errors.stream().noneMatch(e -> e.startsWith("filter"))) {
            errors.add("filter: missing (at least one entry)");
        }
        return out;
    }

    /** QEMU's announcement parameters, by the same names; null when announcements are off. */
    static AnnounceSchedule announce(VsiConfig c, List<String> errors) {
        boolean on = ConfigSyntax.bool("announce", c.announce(), errors);
        int rounds = ConfigSyntax.number("announce.rounds", c.announce_rounds(), 1, MAX_ROUNDS, errors);
        int initial = ConfigSyntax.number("announce.initial", c.announce_initial(), 0, MAX_INTERVAL_MILLIS, errors);
        int max = ConfigSyntax.number("announce.max", c.announce_max(), 0, MAX_INTERVAL_MILLIS, errors);
        int step = ConfigSyntax.number("announce.step", c.announce_step(), 0, MAX_INTERVAL_MILLIS, errors);
        if (max < initial) {
            errors.add("announce.max: " + max + " ms is shorter than announce.initial (" + initial + " ms)");
            return null;
        }
        return on ? new AnnounceSchedule(initial, max, step, rounds) : null;
    }

    static VdpCommand command(String text, List<String> errors) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return null;
        }
        VdpCommand c = VdpServiceImpl.parseCommand(t);
        if (c == null || c == VdpCommand.DE_ASSOCIATE) {
            errors.add("command: '" + text + "' is not associate, pre-associate, pre-associate-rr or none");
            return VdpCommand.ASSOCIATE;
        }
        return c;
    }
}
