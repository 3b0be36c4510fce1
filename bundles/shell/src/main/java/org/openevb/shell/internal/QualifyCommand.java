package org.openevb.shell.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualificationReport;
import org.openevb.api.qualify.QualifyException;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.QualifyService;
import org.openevb.api.qualify.Verdict;

/**
 * Qualifies the peer on a port: runs the probes, shows their progress, and writes the report as
 * JSON and HTML beside the session's pcap. Or compares two JSON reports.
 */
@Service
@Command(scope = "evb", name = "qualify",
        description = "Runs qualification probes against the peer on a port (P1 LLDP inventory, P2 EVB negotiation, "
                + "P3 hairpin, P4 reflective-relay revocation (withdrawn, aged, link flap; with --relay, this platform's edge relay as the station), P5 S-channels, P6 ECP, P7 VDP commands, P8 VSI formats, "
                + "P9 keep-alive timeout, P10 migration with --second-port, P11 VSIs per port, P12 port extension, "
                + "P13 SNMP cross-check with --snmp) and writes "
                + "report.json, report.html and session.pcap; or compares two reports (--compare)")
public class QualifyCommand implements Action {

    static final String JSON_FILE = "report.json";
    static final String HTML_FILE = "report.html";
    static final String PCAP_FILE = "session.pcap";

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    QualifyService kit;

    @Argument(index = 0, name = "port", required = true,
            description = "Port cabled to the peer (with --compare: the first report)")
    @Completion(PortNameCompleter.class)
    String port;

    @Argument(index = 1, name = "second", required = false, description = "With --compare: the second report")
    String second;

    @Option(name = "-p", aliases = "--probes", description = "Probes to run, e.g. P1,P3 (default: all)")
    String probes;

    @Option(name = "-o", aliases = "--out", description = "Directory for the report and the pcap (default: qualify-PORT-TIME)")
    String out;

    @Option(name = "-l", aliases = "--listen", description = "Seconds P1 listens for the peer's LLDPDUs", valueToShowInHelp = "35")
    int listen = 35;

    @Option(name = "--allow-flood", description = "Let P3 send what a bridge floods (unknown unicast, broadcast, multicast)")
    boolean allowFlood;

    @Option(name = "--vsi-type", description = "VSI type ID and version the VDP probes (P7-P9, P11) ask for, ID:VERSION",
            valueToShowInHelp = "1:1")
    String vsiType;

    @Option(name = "--vid", description = "VID of the VDP probes' filters, 0-4094 (0: the bridge chooses)", valueToShowInHelp = "0")
    int vid;

    @Option(name = "--ecids", description = "E-CIDs (or vifs) of the extended ports on the peer's cascade port, for P12: "
            + "hosts A and B on the first two, e.g. 1,2,3 or 1-8", valueToShowInHelp = "1,2,3")
    String ecids;

    @Option(name = "--cascade", description = "E-CIDs (or vifs) behind a further port extender below the cable, which the "
            + "peer's cascade port serves too: P12 plays host C on the first, e.g. 101-102 (default: no cascade probed)")
    String cascade;

    @Option(name = "--tag", description = "Tag P12 sends as a port extender: etag (802.1BR), vntag or both",
            valueToShowInHelp = QualifyRequest.DEFAULT_TAG_FORMAT)
    String tag = QualifyRequest.DEFAULT_TAG_FORMAT;

    @Option(name = "--snmp", description = "The switch's SNMP agent, HOST[:PORT]: P13 compares its IEEE8021-EVB-MIB with "
            + "the wire (without it P13 does not run)")
    String snmp;

    @Option(name = "--community", description = "SNMPv2c community for --snmp", valueToShowInHelp = "public")
    String community;

    @Option(name = "--second-port", description = "A second port cabled to the same switch, for P10 (migration): "
            + "the VSI moves from the first port to this one")
    @Completion(PortNameCompleter.class)
    String secondPort;

    @Option(name = "--relay", description = "An edge relay of this platform (a bridge in mode auto) whose uplink is the port: "
            + "P4 runs with the relay as the station (its VMs' frames, its station's request and LLDP, its uplink's link) "
            + "and the kit only watches the uplink")
    @Completion(BridgeNameCompleter.class)
    String relay;

    @Option(name = "-j", aliases = "--json", description = "Print the report as JSON (progress goes to stderr)")
    boolean json;

    @Option(name = "-n", aliases = "--dry-run", description = "Print what each probe would send, and send nothing")
    boolean dryRun;

    @Option(name = "--compare", description = "Show what changed between two JSON reports: evb:qualify --compare A.json B.json")
    boolean compare;

    @Override
    public Object execute() throws CommandFailure {
        if (compare) {
            return compare();
        }
        if (kit == null) {
            throw new CommandFailure("the qualification kit is not running (feature openevb-qualify)");
        }
        List<String> ids = probes == null || probes.isBlank() ? List.of()
                : Arrays.stream(probes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        int[] type = vsiType(vsiType);
        if (vid < 0 || vid > 4094) {
            throw new CommandFailure("--vid " + vid + " is not within 0..4094");
        }
        List<Integer> extended = ecids("--ecids", ecids, QualifyRequest.DEFAULT_ECIDS);
        List<Integer> cascaded = ecids("--cascade", cascade, List.of());
        if (!List.of("etag", "vntag", "both").contains(tag)) {
            throw new CommandFailure("--tag '" + tag + "' is not etag, vntag or both");
        }
        if (dryRun) {
            dryRun(kit.probes(), ids, allowFlood, snmp != null && !snmp.isBlank()).forEach(System.out::println);
            return null;
        }
        Path dir = Path.of(out != null ? out
                : "qualify-" + port + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CommandFailure("cannot create " + dir + ": " + e.getMessage());
        }
        PrintStream progress = json ? System.err : System.out;
        QualificationReport report;
        try {
            report = kit.run(new QualifyRequest(port, ids, dir.resolve(PCAP_FILE).toString(), listen, allowFlood,
                            type[0], type[1], vid, extended, tag, snmp, community, secondPort, cascaded, relay),
                    line -> {
                        progress.println(line);
                        progress.flush();
                    });
        } catch (QualifyException e) {
            throw new CommandFailure(e.getMessage());
        }
        try {
            Files.writeString(dir.resolve(JSON_FILE), Json.toJson(report), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTML_FILE), kit.html(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure("cannot write the report to " + dir + ": " + e.getMessage());
        }
        if (json) {
            System.out.println(Json.toJson(report));
        } else {
            printSummary(System.out, report);
            System.out.println("report: " + dir.resolve(HTML_FILE) + ", " + dir.resolve(JSON_FILE) + "; frames: "
                    + report.pcap());
        }
        if (report.failedOrNotRun()) {
            List<String> bad = new ArrayList<>();
            for (ProbeReport p : report.probes()) {
                if (p.verdict() == Verdict.FAIL || p.verdict() == Verdict.NOT_RUN) {
                    bad.add(p.id() + " " + p.verdict().key());
                }
            }
            throw new CommandFailure(String.join(", ", bad) + " (report in " + dir + ")");
        }
        return null;
    }

    /** {@code ID:VERSION} (or {@code ID}, version 0) as two numbers; the default type when absent. */
    static int[] vsiType(String text) throws CommandFailure {
        if (text == null || text.isBlank()) {
            return new int[] {QualifyRequest.DEFAULT_VSI_TYPE_ID, QualifyRequest.DEFAULT_VSI_TYPE_VERSION};
        }
        String[] parts = text.trim().split(":", -1);
        try {
            int id = Integer.parseInt(parts[0]);
            int version = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (parts.length <= 2 && id >= 0 && id <= 0xFFFFFF && version >= 0 && version <= 255) {
                return new int[] {id, version};
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new CommandFailure("--vsi-type '" + text + "' is not ID:VERSION (ID 0..16777215, VERSION 0..255)");
    }

    /**
     * {@code 1,2,3} or ranges such as {@code 1-8,101} as E-CIDs in the order given, for
     * {@code option}; {@code absent} when not given.
     */
    static List<Integer> ecids(String option, String text, List<Integer> absent) throws CommandFailure {
        if (text == null || text.isBlank()) {
            return absent;
        }
        List<Integer> ids = new ArrayList<>();
        try {
            for (String part : text.split(",", -1)) {
                String[] range = part.trim().split("-", -1);
                int low = Integer.parseInt(range[0].trim());
                int high = range.length == 2 ? Integer.parseInt(range[1].trim()) : low;
                // more than 4095 can only repeat E-CIDs: refused before the list grows further
                if (range.length > 2 || low < 1 || high > 4095 || high < low || ids.size() + high - low >= 4095) {
                    throw new NumberFormatException(part);
                }
                for (int id = low; id <= high; id++) {
                    ids.add(id);
                }
            }
            return ids;
        } catch (NumberFormatException e) {
            throw new CommandFailure(option + " '" + text + "' is not a list like 1,2,3 or 1-8 (E-CIDs 1..4095)");
        }
    }

    /** What a run would send on {@code port}, probe by probe, without taking the port. */
    static List<String> dryRun(List<ProbeInfo> all, List<String> ids, boolean allowFlood, boolean snmp) throws CommandFailure {
        List<String> unknown = ids.stream()
                .filter(id -> all.stream().noneMatch(p -> p.id().equalsIgnoreCase(id))).toList();
        if (!unknown.isEmpty()) {
            throw new CommandFailure("no probe " + String.join(", ", unknown) + " (probes: "
                    + String.join(", ", all.stream().map(ProbeInfo::id).toList()) + ")");
        }
        List<String> lines = new ArrayList<>();
        for (ProbeInfo p : all) {
            if (p.id().equals("P13") && !snmp) {
                if (ids.stream().anyMatch(id -> id.equalsIgnoreCase(p.id()))) {
                    throw new CommandFailure("P13 needs --snmp ADDRESS (the switch's SNMP agent)");
                }
                lines.add("P13 " + p.title() + " left out: needs --snmp ADDRESS");
                continue;
            }
            if (ids.isEmpty() || ids.stream().anyMatch(id -> id.equalsIgnoreCase(p.id()))) {
                lines.add(p.id() + " " + p.title() + " would send: " + p.sends()
                        + (p.floods() && !allowFlood ? " [flooding frames left out: no --allow-flood]" : ""));
            }
        }
        lines.add("nothing sent (--dry-run)");
        return lines;
    }

    static void printSummary(PrintStream out, QualificationReport r) {
        out.printf("Qualification of port %s%s: %d probe(s) in %.1f s, %d frames in, %d out%n", r.port(),
                (r.secondPort().isEmpty() ? "" : " (second port " + r.secondPort() + ")")
                        + (r.relay().isEmpty() ? "" : " (edge relay " + r.relay() + " as the station)"), r.probes().size(),
                r.durationMillis() / 1000.0, r.framesIn(), r.framesOut());
        for (ProbeReport p : r.probes()) {
            out.printf("  %-3s %-31s %-14s %s%n", p.id(), p.title(), p.verdict().key(), p.summary());
        }
        List<String> changed = r.probes().stream().filter(p -> !p.peerState().isEmpty())
                .map(p -> p.id() + " " + p.peerState()).toList();
        out.println(changed.isEmpty() ? "Peer state: no probe changed it"
                : "Peer state: " + String.join("; ", changed));
    }

    private Object compare() throws CommandFailure {
        if (second == null) {
            throw new CommandFailure("--compare needs two reports: evb:qualify --compare A.json B.json");
        }
        JsonObject a = read(port);
        JsonObject b = read(second);
        List<String> changes = ReportComparison.changes(a, b);
        if (changes.isEmpty()) {
            System.out.println("no change between " + port + " and " + second);
        } else {
            System.out.println(changes.size() + " change(s) from " + port + " to " + second + ":");
            changes.forEach(c -> System.out.println("  " + c));
        }
        return null;
    }

    private static JsonObject read(String file) throws CommandFailure {
        try {
            return JsonParser.parseString(Files.readString(Path.of(file), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new CommandFailure("cannot read the report " + file + ": " + e.getMessage());
        }
    }
}
