package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * P8: one Associate per VSIID format and per filter format, and one with VID 0; each admitted VSI
 * is de-associated at once, so at most one of the kit's VSIs is held at a time.
 */
final class VsiFormatsProbe implements Probe {

    static final int ID = 8;
    /** The group ID of the group filter formats. */
    static final int GROUP = 1;

    static final ProbeInfo INFO = new ProbeInfo("P8", "VSI identity and filter formats",
            "after the EVB TLV exchange (as P6), one Associate each (the --vsi-type type, --vid, a MAC 02:0e:b0:00:08:NN "
                    + "of its own) with a VSIID of format IPv4 (198.51.100.8), IPv6 (2001:db8::8:N), MAC, local and UUID "
                    + "(MAC/VID filter); with a VID filter, a GroupID/VID and a GroupID/MAC/VID filter (group 1; the kit "
                    + "does not advertise SGID, so a bridge may refuse group formats); and a MAC/VID filter with VID 0. "
                    + "Each one admitted is de-associated at once; then a shutdown LLDPDU",
            "which VSIID and filter formats the peer admits and what it answers for the others (code, Keep, Hard); whether "
                    + "it replaces VID 0 with a VID of its choice or refuses it. pass: UUID with MAC/VID admitted, every "
                    + "answer well-formed, VID 0 replaced or refused; fail: no answer, a malformed answer, VID 0 admitted "
                    + "and answered as 0; inconclusive: the kit's type refused; not-supported: no VDP",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    /** The cases, in the order they are sent: name, VSIID format and value, filter format, filter. */
    static List<Object[]> cases(QualifyRequest r) {
        int vid = r.vid();
        List<Object[]> c = new ArrayList<>();
        c.add(new Object[] {"vsiid-ipv4", VsiTlv.VSIID_IPV4, VdpText.ipv4Vsiid(198, 51, 100, 8), VsiTlv.FILTER_MAC_VID,
            FilterEntry.ofMacVid(VdpText.mac(ID, 1), vid)});
        c.add(new Object[] {"vsiid-ipv6", VsiTlv.VSIID_IPV6, VdpText.ipv6Vsiid(ID, 2), VsiTlv.FILTER_MAC_VID,
            FilterEntry.ofMacVid(VdpText.mac(ID, 2), vid)});
        c.add(new Object[] {"vsiid-mac", VsiTlv.VSIID_MAC, VdpText.macVsiid(VdpText.mac(ID, 3)), VsiTlv.FILTER_MAC_VID,
            FilterEntry.ofMacVid(VdpText.mac(ID, 3), vid)});
        c.add(new Object[] {"vsiid-local", VsiTlv.VSIID_LOCAL, VdpText.localVsiid(ID, 4), VsiTlv.FILTER_MAC_VID,
            FilterEntry.ofMacVid(VdpText.mac(ID, 4), vid)});
        c.add(new Object[] {VsiFormats.BASELINE, VsiTlv.VSIID_UUID, VdpText.uuid(ID, 5), VsiTlv.FILTER_MAC_VID,
            FilterEntry.ofMacVid(VdpText.mac(ID, 5), vid)});
        c.add(new Object[] {"filter-vid", VsiTlv.VSIID_UUID, VdpText.uuid(ID, 6), VsiTlv.FILTER_VID,
            FilterEntry.ofVid(false, 0, vid)});
        c.add(new Object[] {"filter-groupid-vid", VsiTlv.VSIID_UUID, VdpText.uuid(ID, 7), VsiTlv.FILTER_GROUP_VID,
            new FilterEntry(GROUP, 0, false, 0, vid)});
        c.add(new Object[] {"filter-groupid-mac-vid", VsiTlv.VSIID_UUID, VdpText.uuid(ID, 8), VsiTlv.FILTER_GROUP_MAC_VID,
            new FilterEntry(GROUP, VdpText.mac(ID, 8), false, 0, vid)});
        c.add(new Object[] {VsiFormats.VID_ZERO, VsiTlv.VSIID_UUID, VdpText.uuid(ID, 9), VsiTlv.FILTER_MAC_VID,
            FilterEntry.ofMacVid(VdpText.mac(ID, 9), 0)});
        return c;
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        VdpLink link = new VdpLink(session);
        List<VsiFormats.Case> results = new ArrayList<>();
        int held = 0;
        int released = 0;
        try {
            if (!link.negotiate()) {
                return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no EVB TLV of a bridge from the peer: VDP does not run", Map.of());
            }
            for (Object[] c : cases(request)) {
                VsiTlv vsi = new VsiTlv(VdpTlv.ASSOCIATE, 0, request.vsiTypeId(), request.vsiTypeVersion(), (int) c[1],
                        (byte[]) c[2], (int) c[3], List.of((FilterEntry) c[4]));
                VdpLink.Exchange x = link.request(vsi, (String) c[0]);
                results.add(new VsiFormats.Case((String) c[0], x));
                if (!x.answered() && x.ackMillis() < 0 && results.size() == 1) {
                    break; // nothing there
                }
                if (x.success()) {
                    held++;
                    VsiTlv de = new VsiTlv(VdpTlv.DE_ASSOCIATE, 0, vsi.typeId(), vsi.typeVersion(), vsi.vsiidFormat(),
                            vsi.vsiid(), vsi.filterFormat(), x.response().entries());
                    released += link.request(de, c[0] + ": de-associate").success() ? 1 : 0;
                }
            }
        } finally {
            link.shutdown();
        }
        ProbeOutcome o = VsiFormats.conclude(results);
        return held == 0 ? o : o.withPeerState("changed: " + held + " VSI(s) associated one at a time; "
                + (released == held ? "restored: each de-associated at once"
                        : "not confirmed restored: " + (held - released) + " De-Associate(s) not answered with success (the "
                                + "shutdown LLDPDU ends VDP on the port)"));
    }
}
