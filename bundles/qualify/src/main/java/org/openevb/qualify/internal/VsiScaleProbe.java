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
    /** The batches' VSIs are numbered from here, apart from the series' (at most {@link VsiScale#MAX_VSIS}). */
    static final int BATCH_FIRST = 64;

    static final ProbeInfo INFO = new ProbeInfo("P11", "scale: VSIs per port and per ECP frame",
            "after the EVB TLV exchange (as P6), Associates of VSIs 1, 2, 3... (UUID 0e0b5155-000b-4..., the --vsi-type "
                    + "type, MAC/VID 02:0e:b0:00:0b:NN on --vid), each after the previous answer, until one is refused or "
                    + VsiScale.MAX_VSIS + " are admitted; a De-Associate of each admitted VSI; then, as far as the peer "
                    + "admits that many and answers in full, one ECP frame of 2, of 4 and of 8 Associates (VSIs 64...), "
                    + "each followed by one frame de-associating them; a shutdown LLDPDU",
            "the most VSIs the peer admits on one port (up to the kit's bound) and how it refuses the next: code, Keep and "
                    + "Hard bits; how many VSI TLVs of one ECP frame it answers. pass: a well-formed refusal at the limit, "
                    + "or the bound reached, and every TLV of a frame answered; fail: an Associate unanswered at the limit, "
                    + "a malformed answer, TLVs of a frame left unanswered; inconclusive: the first VSI refused (the kit's "
                    + "type or VID); not-supported: no VDP",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    static VsiTlv vsi(QualifyRequest r, int type, int n, List<FilterEntry> filter) {
        return VdpText.kitVsi(ID, r, type, n, filter);
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        VdpLink link = new VdpLink(session);
        List<VdpLink.Exchange> associates = new ArrayList<>();
        List<VsiScale.Attempt> attempts = new ArrayList<>();
        List<VsiScale.Batch> batches = new ArrayList<>();
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
            int admitted = (int) associates.stream().filter(VdpLink.Exchange::success).count();
            int n = BATCH_FIRST;
            for (int size : VsiScale.batches(admitted)) {
                VsiScale.Batch b = batch(link, request, n, size);
                batches.add(b);
                n += size;
                if (!b.complete()) {
                    break; // a larger frame would go the same way
                }
            }
        } finally {
            link.shutdown();
        }
        return VsiScale.conclude(attempts, batches).withPeerState(VsiScale.peerState(attempts, batches));
    }

    /**
     * {@code size} Associates (VSIs {@code first}...) in one ECP frame; then those admitted
     * de-associated in one frame too, and one by one any whose De-Associate went unanswered.
     */
    private static VsiScale.Batch batch(VdpLink link, QualifyRequest request, int first, int size) throws InterruptedException {
        List<VsiTlv> vsis = new ArrayList<>();
        for (int j = 0; j < size; j++) {
            vsis.add(vsi(request, VdpTlv.ASSOCIATE, first + j, List.of(FilterEntry.ofMacVid(VdpText.mac(ID, first + j),
                    request.vid()))));
        }
        VdpLink.Multi m = link.requestMany(vsis, size + " TLVs per frame");
        List<VsiTlv> release = new ArrayList<>();
        for (int j = 0; j < size; j++) {
            VsiTlv a = m.answers().get(j);
            if (a != null && a.errorCode() == 0) {
                release.add(vsi(request, VdpTlv.DE_ASSOCIATE, first + j, a.entries()));
            }
        }
        int released = 0;
        if (!release.isEmpty()) {
            VdpLink.Multi r = link.requestMany(release, size + " TLVs per frame, released");
            for (int j = 0; j < release.size(); j++) {
                VsiTlv a = r.answers().get(j);
                if (a == null) {
                    VdpLink.Exchange one = link.request(release.get(j), size + " TLVs per frame, released one by one");
                    released += one.success() ? 1 : 0;
                } else {
                    released += a.errorCode() == 0 ? 1 : 0;
                }
            }
        }
        return new VsiScale.Batch(size, m, released);
    }
}
