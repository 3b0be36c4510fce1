package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;

/**
 * P3's conclusions: which of the frames sent from MAC A came back on the same port, how often, and
 * changed or not, from the frames alone. Every test frame carries a marker (the kit's name, the
 * run's nonce, the case number) so that its copies are recognised even when the peer changed
 * their tags.
 */
final class HairpinTable {

    static final long MAC_A = 0x020E_B000_000AL;
    static final long MAC_B = 0x020E_B000_000BL;
    /** Never a source: unicast to it is unknown to the peer. */
    static final long MAC_UNKNOWN = 0x020E_B000_000CL;
    /** A locally administered group address: no protocol of the peer's consumes it. */
    static final long MULTICAST = 0x030E_B000_0001L;
    /** IEEE 802 local experimental EtherType 1. */
    private static final KitMarker MARK = new KitMarker("OEVB-P3");

    /** Cases that only teach the peer A and B; their copies are shown but decide nothing. */
    static final List<String> LEARNING = List.of("learn-b", "learn-a");
    static final List<String> UNTAGGED = List.of("known-unicast", "unknown-unicast", "broadcast", "multicast");

    /**
     * One test frame.
     *
     * @param name   the case, e.g. {@code s-tagged}
     * @param floods whether a bridge floods it (sent only when flooding is allowed)
     * @param frame  the frame as sent (padded)
     */
    record Case(String name, boolean floods, byte[] frame) {
    }

    private final int nonce;
    private final List<Case> cases;
    private final boolean[] sent;
    private final List<List<byte[]>> copies = new ArrayList<>();

    HairpinTable(int nonce) {
        this.nonce = nonce;
        this.cases = cases(nonce);
        this.sent = new boolean[cases.size()];
        cases.forEach(c -> copies.add(new ArrayList<>()));
    }

    List<Case> cases() {
        return cases;
    }

    /** The test frames, in the order they are sent: learning first, so "known" is known. */
    static List<Case> cases(int nonce) {
        List<Case> list = new ArrayList<>();
        list.add(new Case("learn-b", true, frame(MAC_A, MAC_B, nonce, 0, new int[0])));
        list.add(new Case("learn-a", false, frame(MAC_B, MAC_A, nonce, 1, new int[0])));
        list.add(new Case("known-unicast", false, frame(MAC_B, MAC_A, nonce, 2, new int[0])));
        list.add(new Case("unknown-unicast", true, frame(MAC_UNKNOWN, MAC_A, nonce, 3, new int[0])));
        list.add(new Case("broadcast", true, frame(MacAddress.BROADCAST, MAC_A, nonce, 4, new int[0])));
        list.add(new Case("multicast", true, frame(MULTICAST, MAC_A, nonce, 5, new int[0])));
        list.add(new Case("c-tagged", false, frame(MAC_B, MAC_A, nonce, 6, new int[] {EtherType.C_TAG, 100})));
        list.add(new Case("s-tagged", false, frame(MAC_B, MAC_A, nonce, 7, new int[] {EtherType.S_TAG, 100})));
        list.add(new Case("priority-tagged", false, frame(MAC_B, MAC_A, nonce, 8, new int[] {EtherType.C_TAG, 5 << 13})));
        return list;
    }

    /** A test frame: {@code tags} as (TPID, TCI) pairs, then the marker, padded to 60 bytes. */
    static byte[] frame(long destination, long source, int nonce, int caseNumber, int[] tags) {
        byte[] f = new byte[ProbeSession.MIN_FRAME];
        MacAddress.write(destination, f, 0);
        MacAddress.write(source, f, 6);
        int at = 12;
        for (int i = 0; i < tags.length; i += 2) {
            f[at] = (byte) (tags[i] >> 8);
            f[at + 1] = (byte) tags[i];
            f[at + 2] = (byte) (tags[i + 1] >> 8);
            f[at + 3] = (byte) tags[i + 1];
            at += 4;
        }
        MARK.write(f, at, nonce, caseNumber);
        return f;
    }

    void sent(int caseNumber) {
        sent[caseNumber] = true;
    }

    /**
     * A received frame. Returns what it is for the evidence, or null if it is not a copy of one of
     * this run's test frames.
     */
    String received(byte[] frame) {
        int caseNumber = caseOf(frame);
        if (caseNumber < 0) {
            return null;
        }
        Case c = cases.get(caseNumber);
        copies.get(caseNumber).add(frame);
        String change = difference(c.frame(), frame);
        return c.name() + " came back (copy " + copies.get(caseNumber).size() + ")"
                + (change.isEmpty() ? ", unmodified" : ", modified: " + change);
    }

    /** The case a frame is a copy of, found by its marker anywhere in it; -1 if none. */
    int caseOf(byte[] frame) {
        int n = MARK.find(frame, nonce);
        return n < cases.size() ? n : -1;
    }

    /** How a copy differs from what was sent, in the header's terms; empty when it is the same. */
    static String difference(byte[] sent, byte[] copy) {
        String a = header(sent);
        String b = header(copy);
        if (!a.equals(b)) {
            return a + " became " + b;
        }
        // veth does not pad and a peer may pad more: trailing zeros are not a change
        int n = Math.max(sent.length, copy.length);
        for (int i = 0; i < n; i++) {
            byte x = i < sent.length ? sent[i] : 0;
            byte y = i < copy.length ? copy[i] : 0;
            if (x != y) {
                return "payload byte " + i + " changed";
            }
        }
        return "";
    }

    /** Destination, source and tag stack, e.g. {@code 02:0e:..:0b < 02:0e:..:0a, 88a8 vid 100}. */
    static String header(byte[] f) {
        if (f.length < 14) {
            return "a " + f.length + "-byte runt";
        }
        StringBuilder s = new StringBuilder(MacAddress.format(MacAddress.read(f, 0))).append(" from ")
                .append(MacAddress.format(MacAddress.read(f, 6)));
        int at = 12;
        List<String> tags = new ArrayList<>();
        while (at + 4 <= f.length) {
            int type = ((f[at] & 0xFF) << 8) | (f[at + 1] & 0xFF);
            if (type != EtherType.C_TAG && type != EtherType.S_TAG && type != EtherType.QINQ_LEGACY) {
                break;
            }
            int tci = ((f[at + 2] & 0xFF) << 8) | (f[at + 3] & 0xFF);
            tags.add(String.format("%04x pcp %d vid %d", type, tci >>> 13, tci & 0xFFF));
            at += 4;
        }
        s.append(tags.isEmpty() ? ", untagged" : ", " + String.join(" / ", tags));
        return s.toString();
    }

    /** What each case did, and the verdict. */
    ProbeOutcome conclude() {
        Map<String, String> values = new LinkedHashMap<>();
        int reflected = 0;
        List<String> wrong = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> tagged = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            List<byte[]> got = copies.get(i);
            if (!sent[i]) {
                values.put(c.name(), "not sent" + (c.floods() ? " (floods: needs --allow-flood)" : ""));
                continue;
            }
            reflected += got.isEmpty() ? 0 : 1;
            String text;
            boolean modified = false;
            if (got.isEmpty()) {
                text = "not reflected";
            } else {
                List<String> changes = new ArrayList<>();
                for (byte[] copy : got) {
                    String d = difference(c.frame(), copy);
                    if (!d.isEmpty() && !changes.contains(d)) {
                        changes.add(d);
                    }
                }
                modified = !changes.isEmpty();
                text = (got.size() == 1 ? "reflected" : "reflected, duplicated (" + got.size() + " copies)")
                        + (modified ? ", modified: " + String.join("; ", changes) : ", unmodified");
            }
            values.put(c.name(), text);
            if (LEARNING.contains(c.name())) {
                continue;
            }
            boolean untagged = UNTAGGED.contains(c.name());
            if (got.size() > 1 || (untagged && modified)) {
                wrong.add(c.name());
            } else if (got.isEmpty() && untagged) {
                missing.add(c.name());
            }
            if (!untagged) {
                tagged.add(c.name() + " " + (got.isEmpty() ? "not reflected" : modified ? "modified" : "reflected"));
            }
        }
        String tags = tagged.isEmpty() ? "" : "; " + String.join(", ", tagged);
        if (reflected == 0) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "nothing came back: no reflective relay (hairpin) on the peer's port",
                    values);
        }
        if (!wrong.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, "reflected wrongly (duplicated, or untagged frames changed): "
                    + String.join(", ", wrong) + tags, values);
        }
        if (!missing.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, "reflective relay is partial: not reflected " + String.join(", ", missing)
                    + tags, values);
        }
        return new ProbeOutcome(Verdict.PASS, "untagged frames reflected once, unmodified" + tags, values);
    }
}
