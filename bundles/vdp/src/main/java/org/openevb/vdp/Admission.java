package org.openevb.vdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.openevb.codec.MacAddress;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * The bridge's admission policy, a pure function like {@code EvbNegotiation}: whether a
 * Pre-Associate, Pre-Associate with reservation or Associate request may have what it asks, given
 * the VSI type database and the current associations, and with which VIDs. Checks in order:
 * format, type and version, VIDs (0 gets the type's lowest VLAN), MACs, another port's
 * association of the same VSI, MACs held by other VSIs, the port's VSI limit. The timing (when
 * to answer, keep-alives) is {@link VdpBridge}'s.
 */
public final class Admission {

    private Admission() {
    }

    /** The verdict and, if admitted, the filter to answer with (VIDs assigned). */
    public record Decision(VdpReason reason, List<FilterEntry> entries) {
        public boolean accepted() {
            return reason == VdpReason.ACCEPTED;
        }

        static Decision refuse(VdpReason reason) {
            return new Decision(reason, List.of());
        }
    }

    /**
     * @param request        a VSI TLV of type 1-3 (not a response)
     * @param port           the port it arrived on
     * @param groupIds       whether both sides advertised group ID support (BGID and SGID)
     * @param types          the VSI type database
     * @param reservedOnPort VSIs other than this one holding resources on this port
     * @param registry       the associations of every port (read only here)
     */
    public static Decision decide(VsiTlv request, String port, boolean groupIds, VsiTypeDatabase types,
            int reservedOnPort, VsiRegistry registry) {
        VsiId id = VsiId.of(request);
        if (id.problem() != null || request.entries().isEmpty()) {
            return Decision.refuse(VdpReason.INVALID_FORMAT);
        }
        int format = request.filterFormat();
        boolean hasMac = format == VsiTlv.FILTER_MAC_VID || format == VsiTlv.FILTER_GROUP_MAC_VID;
        boolean hasGroup = format == VsiTlv.FILTER_GROUP_VID || format == VsiTlv.FILTER_GROUP_MAC_VID;
        if (hasGroup && !groupIds) {
            return Decision.refuse(VdpReason.INVALID_FORMAT);
        }
        if (hasMac) {
            for (FilterEntry e : request.entries()) {
                if (e.mac() == 0 || MacAddress.isMulticast(e.mac())) {
                    return Decision.refuse(VdpReason.INVALID_FORMAT);
                }
            }
        }
        if (!types.knows(request.typeId())) {
            return Decision.refuse(VdpReason.UNKNOWN_TYPE_ID);
        }
        VsiType type = types.lookup(request.typeId(), request.typeVersion());
        if (type == null) {
            return Decision.refuse(VdpReason.TYPE_VERSION_VIOLATION);
        }
        List<FilterEntry> assigned = new ArrayList<>(request.entries().size());
        for (FilterEntry e : request.entries()) {
            int vid = e.vid();
            if (vid == 0) {
                if (type.vlans().isEmpty()) {
                    return Decision.refuse(VdpReason.VID_NOT_ALLOWED);
                }
                vid = type.vlans().first();
            } else if (!type.allowsVid(vid)) {
                return Decision.refuse(VdpReason.VID_NOT_ALLOWED);
            }
            if (hasMac && !type.allowsMac(e.mac())) {
                return Decision.refuse(VdpReason.MAC_NOT_ALLOWED);
            }
            assigned.add(new FilterEntry(e.groupId(), e.mac(), e.ps(), e.pcp(), vid));
        }
        if (request.type() == VdpTlv.ASSOCIATE && !request.mBit()) {
            String elsewhere = registry.portOf(id);
            if (elsewhere != null && !elsewhere.equals(port)) {
                return Decision.refuse(VdpReason.OUT_OF_SYNC);
            }
        }
        for (long mac : macs(request)) {
            VsiRegistry.Holder h = registry.holder(mac);
            if (h != null && !h.vsi().equals(id)) {
                return Decision.refuse(VdpReason.MAC_IN_USE);
            }
        }
        if (request.type() != VdpTlv.PRE_ASSOCIATE && reservedOnPort >= types.vsisPerPort()) {
            return Decision.refuse(VdpReason.INSUFFICIENT_RESOURCES);
        }
        return new Decision(VdpReason.ACCEPTED, assigned);
    }

    /** The MACs of a VSI TLV's filter (none for formats without MACs). */
    public static Set<Long> macs(VsiTlv tlv) {
        Set<Long> out = new LinkedHashSet<>();
        if (tlv.filterFormat() == VsiTlv.FILTER_MAC_VID || tlv.filterFormat() == VsiTlv.FILTER_GROUP_MAC_VID) {
            for (FilterEntry e : tlv.entries()) {
                out.add(e.mac());
            }
        }
        return out;
    }
}
