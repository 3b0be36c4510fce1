package org.openevb.codec.ethernet;

import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.internal.Bytes;

/**
 * A 4-byte VLAN tag: 802.1Q C-tag (0x8100), 802.1ad S-tag (0x88A8) or the legacy Q-in-Q tag
 * (0x9100). TCI = PCP(3) DEI(1) VID(12).
 *
 * @param tpid 0x8100, 0x88A8 or 0x9100
 * @param pcp  priority code point, 0..7
 * @param dei  drop eligible indicator
 * @param vid  VLAN ID, 0..4095 (0 = priority tagged, 4095 reserved)
 */
public record VlanTag(int tpid, int pcp, boolean dei, int vid) implements Tag {

    /** Tag length including the TPID. */
    public static final int LENGTH = 4;

    public VlanTag {
        if (!EtherType.isVlanTag(tpid)) {
            throw new IllegalArgumentException(String.format("not a VLAN tag TPID: 0x%04x", tpid));
        }
        Bytes.range("PCP", pcp, 0, 7);
        Bytes.range("VID", vid, 0, 4095);
    }

    /** An 802.1Q C-tag. */
    public static VlanTag cTag(int pcp, boolean dei, int vid) {
        return new VlanTag(EtherType.C_TAG, pcp, dei, vid);
    }

    /** An 802.1ad S-tag. */
    public static VlanTag sTag(int pcp, boolean dei, int vid) {
        return new VlanTag(EtherType.S_TAG, pcp, dei, vid);
    }

    /** True if VID is 0: the tag only carries priority. */
    public boolean isPriorityTagged() {
        return vid == 0;
    }

    /** The 16-bit tag control information. */
    public int tci() {
        return tci(pcp, dei, vid);
    }

    /** Packs PCP, DEI and VID into a TCI. */
    public static int tci(int pcp, boolean dei, int vid) {
        return (pcp << 13) | (dei ? 0x1000 : 0) | vid;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void encode(byte[] b, int off) {
        Bytes.put16(b, off, tpid);
        Bytes.put16(b, off + 2, tci());
    }

    /** Decodes a VLAN tag whose TPID is at {@code off}, {@code len} bytes available. */
    public static VlanTag decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "VLAN tag");
        String name = len >= 2 ? EtherType.name(Bytes.u16(b, off)) : "VLAN tag";
        Bytes.need(name, LENGTH, off, off + len);
        int tpid = Bytes.u16(b, off);
        if (!EtherType.isVlanTag(tpid)) {
            throw new CodecException(String.format("not a VLAN tag TPID: 0x%04x at offset %d", tpid, off), off);
        }
        int tci = Bytes.u16(b, off + 2);
        return new VlanTag(tpid, tci >>> 13, (tci & 0x1000) != 0, tci & 0x0FFF);
    }

    @Override
    public String toString() {
        return String.format("%s(pcp=%d, dei=%b, vid=%d)", EtherType.name(tpid), pcp, dei, vid);
    }
}
