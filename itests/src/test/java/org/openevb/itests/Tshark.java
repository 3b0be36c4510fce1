package org.openevb.itests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** tshark as the independent decoder of captured frames. Its warnings as root go to stderr, which is dropped. */
final class Tshark {
    private Tshark() {
    }

    /** One line per frame matching {@code filter}, the fields separated by '|'. */
    static List<String> fields(Path pcap, String filter, String... fields) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c"));
        StringBuilder s = new StringBuilder("tshark -r '" + pcap + "' -Y '" + filter + "' -T fields -E separator='|'");
        for (String f : fields) {
            s.append(" -e ").append(f);
        }
        s.append(" 2>/dev/null");
        cmd.add(s.toString());
        String out = Commands.run(cmd.toArray(String[]::new));
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.trim());
            }
        }
        return lines;
    }

    /**
     * The raw bytes of each organizationally specific TLV that tshark names {@code show} (e.g.
     * "IEEE - EVB", "IEEE - CDCP"), from its PDML, for the frames matching {@code filter}. tshark
     * 4.0 names these TLVs but does not decode their fields.
     */
    static List<byte[]> rawTlvs(Path pcap, String filter, String show) {
        String out = Commands.run("sh", "-c", "tshark -r '" + pcap + "' -Y '" + filter + "' -T pdml 2>/dev/null");
        Matcher m = Pattern.compile("show=\"" + Pattern.quote(show) + "\"[^>]*value=\"([0-9a-f]+)\"").matcher(out);
        List<byte[]> tlvs = new ArrayList<>();
        while (m.find()) {
            tlvs.add(HexFormat.of().parseHex(m.group(1)));
        }
        return tlvs;
    }
}
