package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.List;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * P11: associates one VSI after the other on the port, each with its own UUID and MAC, until the
 * peer refuses one or the kit's bound is reached; then de-associates every VSI it admitted.
 */
final class VsiScaleProbe implements Probe {

    static final int ID = 11;

    static final ProbeInfo INFO = new ProbeInfo("P11", "scale: VSIs per port",
            "after the EVB TLV exchange (as P6), Associates of VSIs 1, 2, 3... (UUID 0e0b5155-000b-4..., the --vsi-type "
                    + "type, MAC/VID 02:0e:b0:00:0b:NN on --vid), each after the previous answer, until one is refused or "
                    + VsiScale.MAX_VSIS + " are admitted; then a De-Associate of each admitted VSI and a shutdown LLDPDU",
            "the most VSIs the peer admits on one port (up to the kit's bound) and how it refuses the next: code, Keep and "
                    + "Hard bits. pass: a well-formed refusal at the limit, or the bound reached; fail: an Associate "
                    + "unanswered at the limit or a malformed answer; inconclusive: the first VSI refused (the kit's type "
                    + "or VID); not-supported: no VDP",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    static VsiTlv vsi(QualifyRequest r, int type, int n, List<FilterEntry> filter) {
        return new VsiTlv(type, 0, r.vsiTypeId(), r.vsiTypeVersion(), VsiTlv.VSIID_UUID, VdpText.uuid(ID, n),
                VsiTlv.FILTER_MAC_VID, filter);
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        VdpLink link = new VdpLink(session);
        List<VdpLink.Exchange> associates = new ArrayList<>();
        List<VsiScale.Attempt> attempts = new ArrayList<>();
        try {
            if (!link.negotiate()) {
                return VsiScale.conclude(List.of());
            }
            for (int n = 1; n <= VsiScale.MAX_VSIS; n++) {
                VdpLink.Exchange x = link.request(vsi(request, VdpTlv.ASSOCIATE, n,
                        List.of(FilterEntry.ofMacVid(VdpText.mac(ID, n), request.vid()))), "VSI " + n);
                associates.add(x);
                if (!VsiScale.goOn(new VsiScale.Attempt(n, x, null))) {
                    break;
                }
            }
            // the De-Associates, each with the filter as the peer answered it (a VID of 0 replaced)
            for (int i = 0; i < associates.size(); i++) {
                VdpLink.Exchange x = associates.get(i);
                VdpLink.Exchange de = null;
                if (x.success()) {
                    de = link.request(vsi(request, VdpTlv.DE_ASSOCIATE, i + 1, x.response().entries()),
                            "VSI " + (i + 1) + " released");
                }
                attempts.add(new VsiScale.Attempt(i + 1, x, de));
            }
        } finally {
            link.shutdown();
        }
        return VsiScale.conclude(attempts).withPeerState(VsiScale.peerState(attempts));
    }
}
