package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.VnTag;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.OrgTlv;

/**
 * P12's conclusions for one tag format: the kit is a port extender whose hosts A and B sit on the
 * first two E-CIDs (vifs) the operator named, and this judges, from the frames alone, what the peer
 * sent down for each upstream test frame. A controlling bridge sends a frame down tagged with the
 * destination's E-CID, or for a multi-destination frame one copy per E-CID or one per replication
 * group with the source to prune; a hairpinning bridge hands the frame back as it was, still
 * tagged with its source's own E-CID, which is not port extension at all. With a cascade, the kit
 * also plays host C behind a further extender: on the cable a cascaded extender's ports are E-CIDs
 * of the same cascade port (nothing negotiates the tree), so the peer must reach them, and prune
 * them, like the others.
 */
final class PortExtensionTable {

    static final long MAC_A = 0x020E_B000_0C0AL;
    static final long MAC_B = 0x020E_B000_0C0BL;
    /** The source of the untagged frame: behind no E-CID. */
    static final long MAC_UNTAGGED = 0x020E_B000_0C0CL;
    /** Host C, behind a further extender below the kit (on the first cascaded E-CID). */
    static final long MAC_C = 0x020E_B000_0C0EL;
    /** The source of the frame on an E-CID the peer does not have. */
    static final long MAC_OUTSIDE = 0x020E_B000_0C0DL;
    /** A locally administered group address: no protocol of the peer's consumes it. */
    static final long MULTICAST = 0x030E_B000_0C01L;
    /** The most E-CIDs an operator may name: every one may get a copy of each flooded frame. */
    static final int MAX_ECIDS = 64;
    static final int MAX_ID = 4095;
    private static final KitMarker MARK = new KitMarker("OEVB-P12");

    /** The tag the kit sends up, as the README and {@code --tag} name it. */
    enum Format {
        ETAG("etag", "E-Tag", "E-CID", EtherType.E_TAG, ETag.LENGTH),
        VNTAG("vntag", "VN-Tag", "vif", EtherType.VN_TAG, VnTag.LENGTH);

        final String key;
        final String title;
        final String idName;
        final int tpid;
        final int length;

        Format(String key, String title, String idName, int tpid, int length) {
            this.key = key;
            this.title = title;
            this.idName = idName;
            this.tpid = tpid;
            this.length = length;
        }

        /** {@code etag}, {@code vntag} or {@code both}, in the order they are probed; empty when unknown. */
        static List<Format> parse(String text) {
            return switch (text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "etag" -> List.of(ETAG);
                case "vntag" -> List.of(VNTAG);
                case "both" -> List.of(ETAG, VNTAG);
                default -> List.of();
            };
        }
    }

    /** What a case checks, which decides how its copies are judged. */
    enum Kind {
        /** Teaches the peer B; its copies are shown but decide nothing. */
        LEARNING,
        /** Known unicast: exactly one copy, down to the destination's point-to-point E-CID. */
        UNICAST,
        /** Broadcast or multicast from A: every other E-CID reached once, A pruned. */
        FLOOD,
        /** From an E-CID the peer does not have: nothing comes down. */
        OUTSIDE,
        /** Untagged on the cascade port: shown, not judged (a controlling bridge may serve one there). */
        UNTAGGED
    }

    /**
     * One test frame.
     *
     * @param name        the case, e.g. {@code known-unicast}
     * @param kind        how it is judged
     * @param floods      whether a bridge floods it (sent only when flooding is allowed, learning aside)
     * @param from        the E-CID it is tagged with, 0 for none
     * @param destination the E-CID it should come down to (unicast), else 0
     * @param frame       the frame as sent (padded)
     */
    record Case(String name, Kind kind, boolean floods, int from, int destination, byte[] frame) {
    }

    /** What came down: the tag as the peer set it, in the terms of a controlling bridge. */
    enum CopyKind {
        /** Byte for byte what was sent, upstream tag included: a hairpin. */
        REFLECTED,
        /** Down to one extended port (E-Tag GRP 0; VN-Tag d=1, p=0). */
        POINT_TO_POINT,
        /** Down to a replication group (E-Tag GRP not 0; VN-Tag d=1, p=1). */
        GROUP,
        /** Without the format's tag, or with a tag that is neither (the other format, VLAN, upstream changed). */
        OTHER
    }

    /**
     * A copy, classified.
     *
     * @param kind   what it is
     * @param id     the E-CID or vif it was sent down to (with GRP for an E-Tag group), 0 if none
     * @param prune  the source the extender is told to prune (Ingress_E-CID; VN-Tag svif when looped), 0 if none
     * @param intact whether the frame inside the tag is the one sent
     * @param text   what it is, for the values and the evidence
     */
    record Copy(CopyKind kind, int id, int prune, boolean intact, String text) {
    }

    private final Format format;
    private final List<Integer> ecids;
    /** The E-CIDs behind a further extender (C on the first), empty when no cascade is probed. */
    private final List<Integer> cascade;
    /** Every E-CID of the peer's cascade port the kit names: {@link #ecids} then {@link #cascade}. */
    private final List<Integer> all;
    private final int outside;
    private final int nonce;
    private final List<Case> cases;
    private final boolean[] sent;
    private final List<List<Copy>> copies = new ArrayList<>();

    /** Without a cascade. */
    PortExtensionTable(Format format, List<Integer> ecids, int nonce) {
        this(format, ecids, List.of(), nonce);
    }

    /**
     * @param ecids   the peer's E-CIDs, valid by {@link #problem}: A and B first
     * @param cascade E-CIDs behind a further extender, C first; empty for none
     */
    PortExtensionTable(Format format, List<Integer> ecids, List<Integer> cascade, int nonce) {
        this.format = format;
        this.ecids = List.copyOf(ecids);
        this.cascade = List.copyOf(cascade);
        List<Integer> every = new ArrayList<>(ecids);
        every.addAll(cascade);
        this.all = List.copyOf(every);
        this.outside = outside(all);
        this.nonce = nonce;
        this.cases = cases(format, ecids.get(0), ecids.get(1), cascade.isEmpty() ? 0 : cascade.get(0), outside, nonce);
        this.sent = new boolean[cases.size()];
        cases.forEach(c -> copies.add(new ArrayList<>()));
    }

    /** Why the operator's E-CIDs and format cannot be probed, or null when they can. */
    static String problem(List<Integer> ecids, String tagFormat) {
        return problem(ecids, List.of(), tagFormat);
    }

    /** {@link #problem(List, String)} with E-CIDs behind a further extender, which none of {@code ecids} may be. */
    static String problem(List<Integer> ecids, List<Integer> cascade, String tagFormat) {
        if (Format.parse(tagFormat).isEmpty()) {
            return "tag format '" + tagFormat + "' is not etag, vntag or both";
        }
        if (ecids.size() < 2 || ecids.size() > MAX_ECIDS) {
            return "P12 needs 2.." + MAX_ECIDS + " E-CIDs of the peer's cascade port (A and B first), not " + ecids.size();
        }
        if (ecids.size() + cascade.size() > MAX_ECIDS) {
            return "P12 takes at most " + MAX_ECIDS + " E-CIDs with the cascade's, not " + (ecids.size() + cascade.size());
        }
        Set<Integer> seen = new LinkedHashSet<>();
        for (int id : ecids) {
            if (id < 1 || id > MAX_ID) {
                return "E-CID " + id + " is not within 1.." + MAX_ID;
            }
            if (!seen.add(id)) {
                return "E-CID " + id + " is named twice";
            }
        }
        for (int id : cascade) {
            if (id < 1 || id > MAX_ID) {
                return "cascaded E-CID " + id + " is not within 1.." + MAX_ID;
            }
            if (!seen.add(id)) {
                return "E-CID " + id + (ecids.contains(id) ? " is both on the kit's extender and behind the cascade"
                        : " is named twice behind the cascade");
            }
        }
        return null;
    }

    /** The E-CID taken to be outside the peer's range: the highest one not named. */
    static int outside(List<Integer> ecids) {
        int id = MAX_ID;
        while (ecids.contains(id)) {
            id--;
        }
        return id;
    }

    int outside() {
        return outside;
    }

    Format format() {
        return format;
    }

    List<Case> cases() {
        return cases;
    }

    /**
     * The test frames in the order they are sent: B first, so that A's frames to B are known
     * unicast; with host C behind a cascade ({@code c} not 0), C to A (known unicast, which teaches
     * the peer C), A to C, and a broadcast from C last.
     */
    static List<Case> cases(Format f, int a, int b, int c, int outside, int nonce) {
        List<Case> list = new ArrayList<>();
        list.add(new Case("learn-b", Kind.LEARNING, true, b, 0, frame(f, b, MAC_A, MAC_B, nonce, 0)));
        list.add(new Case("known-unicast", Kind.UNICAST, false, a, b, frame(f, a, MAC_B, MAC_A, nonce, 1)));
        list.add(new Case("known-unicast-reverse", Kind.UNICAST, false, b, a, frame(f, b, MAC_A, MAC_B, nonce, 2)));
        list.add(new Case("broadcast", Kind.FLOOD, true, a, 0, frame(f, a, MacAddress.BROADCAST, MAC_A, nonce, 3)));
        list.add(new Case("multicast", Kind.FLOOD, true, a, 0, frame(f, a, MULTICAST, MAC_A, nonce, 4)));
        list.add(new Case("outside-range", Kind.OUTSIDE, false, outside, 0, frame(f, outside, MAC_B, MAC_OUTSIDE, nonce, 5)));
        list.add(new Case("untagged", Kind.UNTAGGED, false, 0, 0, frame(f, 0, MAC_B, MAC_UNTAGGED, nonce, 6)));
        if (c != 0) {
            list.add(new Case("cascade-unicast-up", Kind.UNICAST, false, c, a, frame(f, c, MAC_A, MAC_C, nonce, 7)));
            list.add(new Case("cascade-unicast-down", Kind.UNICAST, false, a, c, frame(f, a, MAC_C, MAC_A, nonce, 8)));
            list.add(new Case("cascade-broadcast", Kind.FLOOD, true, c, 0, frame(f, c, MacAddress.BROADCAST, MAC_C, nonce, 9)));
        }
        return list;
    }

    /** A test frame: the upstream tag from {@code ecid} (none for 0), then the marker, padded to 60 bytes. */
    static byte[] frame(Format f, int ecid, long destination, long source, int nonce, int caseNumber) {
        byte[] b = new byte[ProbeSession.MIN_FRAME];
        MacAddress.write(destination, b, 0);
        MacAddress.write(source, b, 6);
        int at = 12;
        if (ecid != 0) {
            if (f == Format.ETAG) {
                ETag.upstream(0, false, ecid).encode(b, at);
            } else {
                VnTag.upstream(ecid).encode(b, at);
            }
            at += f.length;
        }
        MARK.write(b, at, nonce, caseNumber);
        return b;
    }

    void sent(int caseNumber) {
        sent[caseNumber] = true;
    }

    /**
     * A received frame. Returns what it is for the evidence, or null if it is not a copy of one of
     * this table's test frames.
     */
    String received(byte[] frame) {
        int caseNumber = caseOf(frame);
        if (caseNumber < 0) {
            return null;
        }
        Case c = cases.get(caseNumber);
        Copy copy = classify(format, c.frame(), frame);
        copies.get(caseNumber).add(copy);
        return format.key + " " + c.name() + " came back (copy " + copies.get(caseNumber).size() + "): " + copy.text();
    }

    /** The case a frame is a copy of, found by its marker anywhere after the MACs; -1 if none. */
    int caseOf(byte[] frame) {
        int n = MARK.find(frame, nonce);
        return n < cases.size() ? n : -1;
    }

    /** What a copy of {@code sent} is, in the terms of a controlling bridge's down tags. */
    static Copy classify(Format f, byte[] sent, byte[] copy) {
        if (sameBytes(sent, 0, copy, 0)) {
            return new Copy(CopyKind.REFLECTED, 0, 0, true, "unchanged (" + describe(f, copy) + ")");
        }
        int sentInner = KitFrames.etherType(sent) == f.tpid ? 12 + f.length : 12;
        int type = KitFrames.etherType(copy);
        if (type != f.tpid || copy.length < 12 + f.length + 2) {
            boolean intact = copy.length >= 12 && sameBytes(sent, 12, copy, 12) && macsSame(sent, copy);
            return new Copy(CopyKind.OTHER, 0, 0, intact, describe(f, copy));
        }
        boolean intact = macsSame(sent, copy) && sameBytes(sent, sentInner, copy, 12 + f.length);
        String text = describe(f, copy) + (intact ? "" : ", the frame inside changed");
        try {
            if (f == Format.ETAG) {
                ETag t = ETag.decode(copy, 12, copy.length - 12);
                return new Copy(t.isMulticast() ? CopyKind.GROUP : CopyKind.POINT_TO_POINT, t.ecid(), t.ingressEcidBase(),
                        intact, text);
            }
            VnTag t = VnTag.decode(copy, 12, copy.length - 12);
            if (!t.direction()) {
                return new Copy(CopyKind.OTHER, 0, 0, intact, text);
            }
            return new Copy(t.pointer() ? CopyKind.GROUP : CopyKind.POINT_TO_POINT, t.dvif(), t.looped() ? t.svif() : 0,
                    intact, text);
        } catch (CodecException e) {
            return new Copy(CopyKind.OTHER, 0, 0, false, "malformed " + f.title + ": " + e.getMessage());
        }
    }

    private static boolean macsSame(byte[] a, byte[] b) {
        return b.length >= 12 && Arrays.equals(a, 0, 12, b, 0, 12);
    }

    /** Whether {@code a} from {@code fromA} and {@code b} from {@code fromB} agree; trailing zeros are padding. */
    static boolean sameBytes(byte[] a, int fromA, byte[] b, int fromB) {
        int n = Math.max(a.length - fromA, b.length - fromB);
        for (int i = 0; i < n; i++) {
            byte x = fromA + i < a.length ? a[fromA + i] : 0;
            byte y = fromB + i < b.length ? b[fromB + i] : 0;
            if (x != y) {
                return false;
            }
        }
        return true;
    }

    /** The outer tag in the terms of this format, e.g. {@code E-CID 0x1001 (GRP 1), Ingress_E-CID 1}. */
    static String describe(Format f, byte[] copy) {
        int type = KitFrames.etherType(copy);
        try {
            if (type == EtherType.E_TAG) {
                ETag t = ETag.decode(copy, 12, copy.length - 12);
                return (t.isMulticast() ? String.format("E-Tag group E-CID 0x%04x (GRP %d)", t.ecid(), t.grp())
                        : "E-Tag E-CID " + t.ecidBase()) + ", Ingress_E-CID " + t.ingressEcidBase()
                        + (t.ecidExt() != 0 || t.ingressEcidExt() != 0 ? ", _ext " + t.ecidExt() + "/" + t.ingressEcidExt() : "");
            }
            if (type == EtherType.VN_TAG) {
                VnTag t = VnTag.decode(copy, 12, copy.length - 12);
                if (!t.direction()) {
                    return "VN-Tag to the bridge, svif " + t.svif();
                }
                return "VN-Tag " + (t.pointer() ? "vif list " : "vif ") + t.dvif()
                        + (t.looped() ? ", looped, svif " + t.svif() : "");
            }
        } catch (CodecException e) {
            return "malformed tag: " + e.getMessage();
        }
        return (f == Format.ETAG ? "no E-Tag: " : "no VN-Tag: ") + HairpinTable.header(copy);
    }

    /** The peer's port extension TLV (00-80-C2/0x0F) in an LLDP frame, as hex; null when it has none or is no LLDPDU. */
    static String portExtensionTlv(byte[] frame) {
        if (KitFrames.etherType(frame) != EtherType.LLDP) {
            return null;
        }
        try {
            for (LldpTlv t : Lldpdu.decode(frame, KitFrames.HEADER, frame.length - KitFrames.HEADER).tlvs()) {
                if (OrgTlv.matches(t, OrgTlv.OUI_IEEE_8021, LldpInventory.PORT_EXTENSION_SUBTYPE)) {
                    return HexFormat.of().formatHex(t.value());
                }
            }
        } catch (Exception e) { // CodecException, and anything a bad frame may still provoke: P1 judges LLDP
            return null;
        }
        return null;
    }

    /** One format's verdict, with its values prefixed by the format ({@code etag.known-unicast}). */
    ProbeOutcome conclude() {
        Map<String, String> values = new LinkedHashMap<>();
        String p = format.key + ".";
        int downTagged = 0;
        int reflected = 0;
        List<String> wrong = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            List<Copy> got = copies.get(i);
            for (Copy copy : got) {
                downTagged += copy.kind() == CopyKind.POINT_TO_POINT || copy.kind() == CopyKind.GROUP ? 1 : 0;
                reflected += copy.kind() == CopyKind.REFLECTED ? 1 : 0;
            }
            if (!sent[i]) {
                values.put(p + c.name(), "not sent" + (c.floods() ? " (floods: needs --allow-flood)" : ""));
                continue;
            }
            Judged j = switch (c.kind()) {
                case UNICAST -> unicast(c, got);
                case FLOOD -> flood(c, got);
                case OUTSIDE -> outsideRange(got);
                case LEARNING, UNTAGGED -> new Judged(got.isEmpty() ? c.kind() == Kind.UNTAGGED ? "refused (nothing came back)"
                        : "nothing came back" : list(got), Judged.SHOWN);
            };
            values.put(p + c.name(), j.text());
            if (j.outcome() == Judged.WRONG) {
                wrong.add(c.name() + " (" + j.text() + ")");
            } else if (j.outcome() == Judged.MISSING) {
                missing.add(c.name());
            } else if (j.outcome() == Judged.RIGHT) {
                passed.add(c.name() + " " + j.text());
            }
        }
        String t = format.title + ": ";
        if (downTagged == 0) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, t + "nothing came back tagged as a controlling bridge sends it down"
                    + (reflected > 0 ? "; " + reflected + " frame(s) came back unchanged, still tagged with their source's own "
                    + format.idName + " (a hairpin, not a controlling bridge)" : ""), values);
        }
        if (!wrong.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, t + String.join("; ", wrong), values);
        }
        if (!missing.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, t + "partial: not forwarded " + String.join(", ", missing), values);
        }
        return new ProbeOutcome(Verdict.PASS, t + "a controlling bridge: " + String.join("; ", passed), values);
    }

    /** A case's text and how it counts. */
    private record Judged(String text, int outcome) {
        static final int RIGHT = 0;
        static final int WRONG = 1;
        static final int MISSING = 2;
        static final int SHOWN = 3;
    }

    private Judged unicast(Case c, List<Copy> got) {
        if (got.isEmpty()) {
            return new Judged("not forwarded", Judged.MISSING);
        }
        Copy only = got.get(0);
        if (got.size() == 1 && only.kind() == CopyKind.POINT_TO_POINT && only.id() == c.destination() && only.intact()) {
            return new Judged("down once to " + format.idName + " " + c.destination(), Judged.RIGHT);
        }
        return new Judged((got.size() > 1 ? "duplicated (" + got.size() + " copies): " : "") + list(got)
                + " (expected once down to " + format.idName + " " + c.destination() + ")", Judged.WRONG);
    }

    /**
     * A broadcast or multicast from A (or C): per point-to-point E-CID at most once and never to
     * its source, per group once with the source to prune, and without a group every other E-CID
     * reached, the cascade's included.
     */
    private Judged flood(Case c, List<Copy> got) {
        if (got.isEmpty()) {
            return new Judged("not forwarded", Judged.MISSING);
        }
        int a = c.from();
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> perId = new LinkedHashMap<>();
        Map<Integer, Integer> perGroup = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        for (Copy copy : got) {
            if (!copy.intact()) {
                problems.add("changed: " + copy.text());
            }
            switch (copy.kind()) {
                case REFLECTED -> problems.add("back to its source unchanged (no source pruning)");
                case OTHER -> problems.add("came back " + copy.text());
                case POINT_TO_POINT -> {
                    perId.merge(copy.id(), 1, Integer::sum);
                    if (copy.id() == a) {
                        problems.add("sent down to its source " + format.idName + " " + a + " (no source pruning)");
                    }
                }
                case GROUP -> {
                    perGroup.merge(copy.id(), 1, Integer::sum);
                    String g = format == Format.ETAG ? String.format("group E-CID 0x%04x", copy.id()) : "vif list " + copy.id();
                    if (copy.prune() != a) {
                        problems.add(g + " without " + a + " to prune (" + copy.text() + "): " + format.idName + " " + a
                                + " gets its own frame back");
                    } else {
                        groups.add(g + " pruning " + a);
                    }
                }
                default -> {
                }
            }
        }
        perId.forEach((id, n) -> {
            if (n > 1) {
                problems.add(format.idName + " " + id + " got " + n + " copies");
            }
        });
        perGroup.forEach((id, n) -> {
            if (n > 1) {
                problems.add("group " + id + " got " + n + " copies");
            }
        });
        List<Integer> unreached = new ArrayList<>();
        if (perGroup.isEmpty()) {
            for (int id : all) {
                if (id != a && !perId.containsKey(id)) {
                    unreached.add(id);
                }
            }
        }
        if (!unreached.isEmpty()) {
            problems.add("not replicated to " + format.idName + " " + unreached);
        }
        if (!problems.isEmpty()) {
            return new Judged(String.join("; ", problems) + " [" + list(got) + "]", Judged.WRONG);
        }
        List<String> how = new ArrayList<>();
        if (!perId.isEmpty()) {
            how.add("replicated per " + format.idName + " to " + perId.keySet());
        }
        if (!groups.isEmpty()) {
            how.add("one copy to " + String.join(", ", groups));
        }
        return new Judged(String.join(" and ", how), Judged.RIGHT);
    }

    private Judged outsideRange(List<Copy> got) {
        if (got.isEmpty()) {
            return new Judged("dropped (" + format.idName + " " + outside + ")", Judged.RIGHT);
        }
        boolean forwarded = got.stream().anyMatch(x -> x.kind() == CopyKind.POINT_TO_POINT || x.kind() == CopyKind.GROUP);
        return new Judged((forwarded ? "forwarded from " + format.idName + " " + outside + ", outside the range: " : "")
                + list(got), forwarded || got.stream().anyMatch(x -> x.kind() == CopyKind.OTHER) ? Judged.WRONG : Judged.SHOWN);
    }

    private static String list(List<Copy> got) {
        List<String> texts = new ArrayList<>();
        for (Copy c : got) {
            texts.add(c.text());
        }
        return String.join("; ", texts);
    }

    /** The verdict of several formats probed on one port: a port is a cascade port of one format or the other. */
    static ProbeOutcome combine(List<ProbeOutcome> outcomes, Map<String, String> common) {
        Map<String, String> values = new LinkedHashMap<>(common);
        List<String> summaries = new ArrayList<>();
        Verdict verdict = Verdict.NOT_SUPPORTED;
        for (ProbeOutcome o : outcomes) {
            values.putAll(o.values());
            summaries.add(o.summary());
            if (o.verdict() == Verdict.FAIL || (o.verdict() == Verdict.PASS && verdict == Verdict.NOT_SUPPORTED)) {
                verdict = o.verdict();
            }
        }
        return new ProbeOutcome(verdict, String.join(" | ", summaries), values);
    }
}
