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
 * P7: one VSI of the kit's through every VDP command, each answered before the next: pre-associate,
 * pre-associate with resource reservation, associate, associate again with a second MAC, and
 * de-associate, which leaves the peer as it was.
 */
final class VdpMatrixProbe implements Probe {

    static final int ID = 7;

    static final ProbeInfo INFO = new ProbeInfo("P7", "VDP command matrix",
            "after the EVB TLV exchange (as P6), VDP requests over ECP for one VSI (UUID 0e0b5155-0007-4001-..., the "
                    + "--vsi-type type, filter MAC/VID 02:0e:b0:00:07:01 on --vid): Pre-Associate, Pre-Associate with "
                    + "resource reservation, Associate, Associate with a second MAC 02:0e:b0:00:07:02 added, De-Associate; "
                    + "each after the previous answer; then a shutdown LLDPDU",
            "per command the answer's type, code, Keep and Hard bits, the filter as answered, the latency of the ECP "
                    + "acknowledgement and of the answer. pass: every command answered with success, as the type it was "
                    + "sent; fail: no answer, a wrong type or bits, de-associate refused; inconclusive: the peer refused "
                    + "the kit's VSI (type or VID unknown to it); not-supported: no EVB TLV, ECP or VDP bridge",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    static VsiTlv vsi(QualifyRequest request, int type, List<FilterEntry> entries) {
        return new VsiTlv(type, 0, request.vsiTypeId(), request.vsiTypeVersion(), VsiTlv.VSIID_UUID, VdpText.uuid(ID, 1),
                VsiTlv.FILTER_MAC_VID, entries);
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        VdpLink link = new VdpLink(session);
        List<VdpMatrix.Step> steps = new ArrayList<>();
        boolean held = false;
        boolean restored = false;
        try {
            if (!link.negotiate()) {
                return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no EVB TLV of a bridge from the peer: VDP does not run", Map.of());
            }
            List<FilterEntry> filter = List.of(FilterEntry.ofMacVid(VdpText.mac(ID, 1), request.vid()));
            int[] types = {VdpTlv.PRE_ASSOCIATE, VdpTlv.PRE_ASSOCIATE_RR, VdpTlv.ASSOCIATE};
            for (int i = 0; i < types.length; i++) {
                VdpLink.Exchange x = link.request(vsi(request, types[i], filter), VdpMatrix.STEPS.get(i));
                steps.add(new VdpMatrix.Step(VdpMatrix.STEPS.get(i), x));
                held |= x.success();
                if (x.success() && types[i] == VdpTlv.ASSOCIATE && !x.response().entries().isEmpty()) {
                    filter = List.of(FilterEntry.ofMacVid(VdpText.mac(ID, 1), x.response().entries().get(0).vid()));
                }
                if (!x.answered() && i == 0 && x.ackMillis() < 0) {
                    break; // nothing there: the matrix would only wait the same way four more times
                }
            }
            if (steps.size() == types.length) {
                int vid = filter.get(0).vid();
                List<FilterEntry> changed = List.of(filter.get(0), FilterEntry.ofMacVid(VdpText.mac(ID, 2), vid));
                VdpLink.Exchange re = link.request(vsi(request, VdpTlv.ASSOCIATE, changed), VdpMatrix.STEPS.get(3));
                steps.add(new VdpMatrix.Step(VdpMatrix.STEPS.get(3), re));
                held |= re.success();
                if (re.success()) {
                    filter = re.response().entries();
                }
                VdpLink.Exchange de = link.request(vsi(request, VdpTlv.DE_ASSOCIATE, filter), VdpMatrix.STEPS.get(4));
                steps.add(new VdpMatrix.Step(VdpMatrix.STEPS.get(4), de));
                restored = de.success();
            }
        } finally {
            link.shutdown();
        }
        if (steps.size() < VdpMatrix.STEPS.size()) {
            // only the first step ran: there is no VDP
            return VdpMatrix.conclude(steps).withPeerState("");
        }
        return VdpMatrix.conclude(steps).withPeerState(!held ? "" : restored
                ? "changed: VSI " + VdpText.vsiid(vsi(request, VdpTlv.ASSOCIATE, List.of())) + " pre-associated and associated; "
                        + "restored: de-associated at the end"
                : "changed: VSI " + VdpText.vsiid(vsi(request, VdpTlv.ASSOCIATE, List.of()))
                        + " associated; not confirmed restored (the De-Associate was not answered with success; the "
                        + "shutdown LLDPDU ends VDP on the port)");
    }
}
