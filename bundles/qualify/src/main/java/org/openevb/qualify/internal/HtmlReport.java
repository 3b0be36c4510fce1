package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openevb.api.qualify.Observation;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualificationReport;

/**
 * The report as one HTML page with nothing outside it (no scripts, fonts or images to fetch), so
 * it can be mailed, archived and opened offline: a summary table, each probe's values and
 * evidence, and a timeline of the whole exchange.
 */
final class HtmlReport {

    private static final String STYLE = String.join("\n",
            "body{font-family:sans-serif;margin:2em;color:#222}",
            "table{border-collapse:collapse;margin:.5em 0 1.5em}",
            "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}",
            "th{background:#f0f0f0}",
            "code,.mono{font-family:monospace}",
            ".pass{background:#d7f5d7}.fail{background:#f8d0d0}.not-supported{background:#e8e8e8}",
            ".inconclusive{background:#fbefc4}.not-run{background:#e0e0f8}",
            ".in{color:#063}.out{color:#036}.note{color:#666}",
            ".bar{display:inline-block;height:.8em;background:#8ab}");

    private HtmlReport() {
    }

    static String render(QualificationReport r) {
        StringBuilder h = new StringBuilder(16384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.append("<title>Qualification of port ").append(esc(r.port())).append("</title>");
        h.append("<style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>Qualification of port ").append(esc(r.port())).append("</h1>\n");
        if (!r.secondPort().isEmpty()) {
            h.append("<p>Second port <code>").append(esc(r.secondPort()))
                    .append("</code>, recorded in the same capture (the evidence says which port each frame was on)</p>\n");
        }
        if (!r.relay().isEmpty()) {
            h.append("<p>Edge relay <code>").append(esc(r.relay())).append("</code> of this platform was P4's station: "
                    + "the port is its uplink, left to it and watched, and the VM port where its VM frames were counted is "
                    + "recorded in the same capture (the evidence says which port each frame was on)</p>\n");
        }
        h.append("<p>Started ").append(esc(r.started())).append(", took ").append(seconds(r.durationMillis()))
                .append(" s. Frames received ").append(r.framesIn()).append(", sent ").append(r.framesOut())
                .append(r.framesNotRecorded() > 0 ? ", not recorded " + r.framesNotRecorded() : "")
                .append(". Capture: <code>").append(esc(r.pcap())).append("</code></p>\n");

        h.append("<h2 id=\"summary\">Summary</h2>\n<table class=\"summary\"><tr><th>Probe</th><th>Title</th><th>Verdict</th>"
                + "<th>Summary</th><th>Time</th></tr>\n");
        for (ProbeReport p : r.probes()) {
            h.append("<tr><td><a href=\"#").append(esc(p.id())).append("\">").append(esc(p.id())).append("</a></td><td>")
                    .append(esc(p.title())).append("</td>").append(verdictCell(p)).append("<td>").append(esc(p.summary()))
                    .append("</td><td>").append(seconds(p.durationMillis())).append(" s</td></tr>\n");
        }
        h.append("</table>\n");

        for (ProbeReport p : r.probes()) {
            h.append("<h2 id=\"").append(esc(p.id())).append("\">").append(esc(p.id())).append(" ").append(esc(p.title()))
                    .append("</h2>\n<table><tr><th>Verdict</th>").append(verdictCell(p)).append("</tr>");
            h.append("<tr><th>Summary</th><td>").append(esc(p.summary())).append("</td></tr>");
            h.append("<tr><th>Sends</th><td>").append(esc(p.sends())).append("</td></tr>");
            h.append("<tr><th>Concludes</th><td>").append(esc(p.concludes())).append("</td></tr>");
            h.append("<tr><th>Peer state</th><td>").append(esc(p.peerState().isEmpty() ? "unchanged" : p.peerState()))
                    .append("</td></tr></table>\n");
            if (!p.values().isEmpty()) {
                h.append("<h3>Values</h3>\n<table class=\"values\">");
                for (Map.Entry<String, String> v : p.values().entrySet()) {
                    h.append("<tr><th>").append(esc(v.getKey())).append("</th><td class=\"mono\">").append(esc(v.getValue()))
                            .append("</td></tr>");
                }
                h.append("</table>\n");
            }
            h.append("<h3>Evidence</h3>\n");
            evidence(h, p.evidence());
        }

        h.append("<h2 id=\"timeline\">Timeline</h2>\n<p>Every frame and note of the session, in time order; the bar "
                + "shows when in the session it happened. Frame numbers are those of the capture.</p>\n");
        List<Observation> all = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (ProbeReport p : r.probes()) {
            for (Observation o : p.evidence()) {
                all.add(o);
                owners.add(p.id());
            }
        }
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingLong((Integer i) -> all.get(i).atMillis()));
        long span = Math.max(1, r.durationMillis());
        h.append("<table class=\"timeline\"><tr><th>Time (s)</th><th>Probe</th><th>Frame</th><th>Dir</th><th></th>"
                + "<th>What</th></tr>\n");
        for (int i : order) {
            Observation o = all.get(i);
            int width = (int) Math.min(200, Math.max(1, o.atMillis() * 200 / span));
            h.append("<tr class=\"").append(esc(o.direction())).append("\"><td>").append(seconds(o.atMillis()))
                    .append("</td><td>").append(esc(owners.get(i))).append("</td><td>")
                    .append(o.frame() == 0 ? "" : Long.toString(o.frame())).append("</td><td>").append(arrow(o.direction()))
                    .append("</td><td><span class=\"bar\" style=\"width:").append(width).append("px\"></span></td><td>")
                    .append(esc(o.summary())).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    private static void evidence(StringBuilder h, List<Observation> evidence) {
        if (evidence.isEmpty()) {
            h.append("<p>No frames or notes.</p>\n");
            return;
        }
        h.append("<table class=\"evidence\"><tr><th>Time (s)</th><th>Frame</th><th>Dir</th><th>What</th></tr>\n");
        for (Observation o : evidence) {
            h.append("<tr class=\"").append(esc(o.direction())).append("\"><td>").append(seconds(o.atMillis()))
                    .append("</td><td>").append(o.frame() == 0 ? "" : Long.toString(o.frame())).append("</td><td>")
                    .append(arrow(o.direction())).append("</td><td>").append(esc(o.summary())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String verdictCell(ProbeReport p) {
        return "<td class=\"verdict " + p.verdict().key() + "\">" + p.verdict().key() + "</td>";
    }

    private static String arrow(String direction) {
        return switch (direction) {
            case "in" -> "&larr; in";
            case "out" -> "&rarr; out";
            default -> "note";
        };
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
