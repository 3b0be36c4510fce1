package org.openevb.vdp;

import java.util.Arrays;
import java.util.List;

import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VsiTlv;

/**
 * A VSI as a station defines it: manager ID, type and version, VSIID, filter format and entries.
 * Checked on construction the way the codec would check its TLV, so every VSI can be sent.
 *
 * @param managerId    16 bytes (copied in and out)
 * @param id           the VSIID
 * @param typeId       24 bits
 * @param typeVersion  0..255
 * @param filterFormat {@code VsiTlv.FILTER_*}
 * @param entries      the filter; a VID of 0 asks the bridge to choose
 */
public record Vsi(byte[] managerId, VsiId id, int typeId, int typeVersion, int filterFormat, List<FilterEntry> entries) {

    public Vsi {
        managerId = new ManagerIdTlv(managerId).id();
        entries = List.copyOf(entries);
        tlv(VdpCommand.ASSOCIATE, 0, id, typeId, typeVersion, filterFormat, entries); // validates
    }

    @Override
    public byte[] managerId() {
        return managerId.clone();
    }

    /** The same VSI with another filter (as the bridge answered it). */
    public Vsi withEntries(List<FilterEntry> newEntries) {
        return new Vsi(managerId, id, typeId, typeVersion, filterFormat, newEntries);
    }

    /** The VSI TLV of {@code command} with this status byte. */
    public VsiTlv tlv(VdpCommand command, int status) {
        return tlv(command, status, id, typeId, typeVersion, filterFormat, entries);
    }

    /** The PDU lldpad sends too: the Manager ID TLV, then the VSI TLV. */
    public VdpPdu pdu(VdpCommand command, int status) {
        return VdpPdu.of(new ManagerIdTlv(managerId), tlv(command, status));
    }

    private static VsiTlv tlv(VdpCommand command, int status, VsiId id, int typeId, int typeVersion,
            int filterFormat, List<FilterEntry> entries) {
        return new VsiTlv(command.tlvType(), status, typeId, typeVersion, id.format(), id.value(), filterFormat, entries);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vsi v && Arrays.equals(managerId, v.managerId) && id.equals(v.id) && typeId == v.typeId
                && typeVersion == v.typeVersion && filterFormat == v.filterFormat && entries.equals(v.entries);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(managerId) * 31 + id.hashCode()) * 31 + typeId * 257 + typeVersion) * 31
                + filterFormat * 17 + entries.hashCode();
    }

    @Override
    public String toString() {
        return "Vsi[" + id + ", type " + typeId + " v" + typeVersion + ", filter format " + filterFormat + " " + entries + "]";
    }
}
