package org.openevb.codec.vdp;

import org.openevb.codec.MacAddress;
import org.openevb.codec.internal.Bytes;

/**
 * One filter entry of a VSI TLV. Fields the filter format does not carry are 0: the group ID for
 * formats 1 and 2, the MAC for formats 1 and 3. The last two bytes of every entry are
 * {@code PS(1) PCP(3) VID(12)}.
 *
 * @param groupId 32-bit group ID (formats 3, 4)
 * @param mac     MAC address (formats 2, 4)
 * @param ps      PCP significant
 * @param pcp     0..7
 * @param vid     0..4095; 0 in a request lets the bridge choose
 */
public record FilterEntry(int groupId, long mac, boolean ps, int pcp, int vid) {

    public FilterEntry {
        if (!MacAddress.isValid(mac)) {
            throw new IllegalArgumentException("MAC address wider than 48 bits");
        }
        Bytes.range("PCP", pcp, 0, 7);
        Bytes.range("VID", vid, 0, 4095);
    }

    /** A VID-only entry (format 1). */
    public static FilterEntry ofVid(boolean ps, int pcp, int vid) {
        return new FilterEntry(0, 0, ps, pcp, vid);
    }

    /** A MAC/VID entry (format 2), PCP not significant. */
    public static FilterEntry ofMacVid(long mac, int vid) {
        return new FilterEntry(0, mac, false, 0, vid);
    }

    /** The 16-bit PS/PCP/VID field. */
    public int psPcpVid() {
        return (ps ? 0x8000 : 0) | (pcp << 12) | vid;
    }

    @Override
    public String toString() {
        return "FilterEntry[groupId=" + Integer.toUnsignedString(groupId) + ", mac=" + MacAddress.format(mac)
                + ", ps=" + ps + ", pcp=" + pcp + ", vid=" + vid + "]";
    }
}
