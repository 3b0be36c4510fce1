package org.openevb.codec.vdp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.openevb.codec.CodecException;
import org.openevb.codec.MacAddress;
import org.openevb.codec.internal.Bytes;

/**
 * A VSI TLV (types 1-4: Pre-Associate, Pre-Associate with resource reservation, Associate,
 * De-Associate). Value layout:
 * <pre>
 *  status(1) typeId(3) typeVersion(1) vsiidFormat(1) vsiid(16) filterFormat(1) count(2) entries(n*k)
 * </pre>
 * so the TLV length is 25 + n*k with k = 2, 8, 6 or 12 for filter formats 1-4.
 *
 * <p>Status byte of a request: {@link #STATUS_M_BIT} (migrate-to), {@link #STATUS_S_BIT}
 * (suspended/migrate-from). Of a response: {@link #STATUS_RESPONSE} set, {@link #STATUS_KEEP},
 * {@link #STATUS_HARD_ERROR}, error code in {@link #STATUS_ERROR_MASK}.
 *
 * @param type         1..4
 * @param status       the whole status octet, 0..255
 * @param typeId       VSI type ID, 24 bits
 * @param typeVersion  0..255
 * @param vsiidFormat  0..255, see {@code VSIID_*}
 * @param vsiid        16 bytes (copied in and out)
 * @param filterFormat 1..4, see {@code FILTER_*}
 * @param entries      filter entries; fields the format lacks must be 0
 */
public record VsiTlv(int type, int status, int typeId, int typeVersion, int vsiidFormat, byte[] vsiid,
                     int filterFormat, List<FilterEntry> entries) implements VdpTlv {

    /** Value bytes before the filter entries. */
    public static final int FIXED_LENGTH = 25;
    public static final int VSIID_LENGTH = 16;

    public static final int STATUS_RESPONSE = 0x40;
    public static final int STATUS_KEEP = 0x20;
    public static final int STATUS_HARD_ERROR = 0x10;
    public static final int STATUS_ERROR_MASK = 0x0F;
    /** Request S-bit: the VSI is suspended here (migrating from this station). */
    public static final int STATUS_S_BIT = 0x20;
    /** Request M-bit: the VSI is migrating to this station. */
    public static final int STATUS_M_BIT = 0x10;

    public static final int SUCCESS = 0;
    public static final int INVALID_FORMAT = 1;
    public static final int INSUFFICIENT_RESOURCES = 2;
    public static final int UNABLE_TO_CONTACT_VSI_MANAGER = 3;
    public static final int OTHER_FAILURE = 4;
    public static final int INVALID_VID_GROUP_OR_MAC = 5;

    public static final int VSIID_IPV4 = 1;
    public static final int VSIID_IPV6 = 2;
    public static final int VSIID_MAC = 3;
    public static final int VSIID_LOCAL = 4;
    public static final int VSIID_UUID = 5;

    public static final int FILTER_VID = 1;
    public static final int FILTER_MAC_VID = 2;
    public static final int FILTER_GROUP_VID = 3;
    public static final int FILTER_GROUP_MAC_VID = 4;

    public VsiTlv {
        Bytes.range("VSI TLV type", type, PRE_ASSOCIATE, DE_ASSOCIATE);
        Bytes.range("status", status, 0, 255);
        Bytes.range("VSI type ID", typeId, 0, 0xFFFFFF);
        Bytes.range("VSI type version", typeVersion, 0, 255);
        Bytes.range("VSIID format", vsiidFormat, 0, 255);
        if (vsiid.length != VSIID_LENGTH) {
            throw new IllegalArgumentException("VSIID must be 16 bytes, got " + vsiid.length);
        }
        vsiid = vsiid.clone();
        int k = filterEntrySize(filterFormat);
        if (k < 0) {
            throw new IllegalArgumentException("unknown filter format " + filterFormat);
        }
        entries = List.copyOf(entries);
        if (FIXED_LENGTH + entries.size() * k > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(entries.size() + " filter entries do not fit into one TLV");
        }
        boolean hasGroup = filterFormat == FILTER_GROUP_VID || filterFormat == FILTER_GROUP_MAC_VID;
        boolean hasMac = filterFormat == FILTER_MAC_VID || filterFormat == FILTER_GROUP_MAC_VID;
        for (FilterEntry e : entries) {
            // A field the format cannot carry would be lost on the wire.
            if (!hasGroup && e.groupId() != 0) {
                throw new IllegalArgumentException("filter format " + filterFormat + " carries no group ID");
            }
            if (!hasMac && e.mac() != 0) {
                throw new IllegalArgumentException("filter format " + filterFormat + " carries no MAC");
            }
        }
    }

    /**
     * Bytes per filter entry: 2 (VID), 8 (MAC/VID), 6 (GroupID/VID), 12 (GroupID/MAC/VID),
     * -1 for an unknown format.
     */
    public static int filterEntrySize(int filterFormat) {
        switch (filterFormat) {
            case FILTER_VID: return 2;
            case FILTER_MAC_VID: return 8;
            case FILTER_GROUP_VID: return 6;
            case FILTER_GROUP_MAC_VID: return 12;
            default: return -1;
        }
    }

    /** The 16 bytes of a UUID, for {@link #VSIID_UUID}. */
    public static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }

    /** A copy of the VSIID. */
    @Override
    public byte[] vsiid() {
        return vsiid.clone();
    }

    /** The VSIID read as a UUID (meaningful for {@link #VSIID_UUID}). */
    public UUID vsiidAsUuid() {
        ByteBuffer bb = ByteBuffer.wrap(vsiid);
        return new UUID(bb.getLong(), bb.getLong());
    }

    /** Response bit (b6). */
    public boolean isResponse() {
        return (status & STATUS_RESPONSE) != 0;
    }

    /** Response: the bridge rejected the command but keeps the previous state. */
    public boolean keep() {
        return (status & STATUS_KEEP) != 0;
    }

    /** Response: hard error. */
    public boolean hardError() {
        return (status & STATUS_HARD_ERROR) != 0;
    }

    /** Response: error code, 0 = success. */
    public int errorCode() {
        return status & STATUS_ERROR_MASK;
    }

    /** Request: S-bit. */
    public boolean sBit() {
        return (status & STATUS_S_BIT) != 0;
    }

    /** Request: M-bit. */
    public boolean mBit() {
        return (status & STATUS_M_BIT) != 0;
    }

    /** The same TLV with another status octet. */
    public VsiTlv withStatus(int newStatus) {
        return new VsiTlv(type, newStatus, typeId, typeVersion, vsiidFormat, vsiid, filterFormat, entries);
    }

    /** The same TLV with other filter entries (for example with the VIDs the bridge chose). */
    public VsiTlv withEntries(List<FilterEntry> newEntries) {
        return new VsiTlv(type, status, typeId, typeVersion, vsiidFormat, vsiid, filterFormat, newEntries);
    }

    /** A response to this request: same type and content, response bit set, with these flags. */
    public VsiTlv response(int errorCode, boolean keep, boolean hardError) {
        Bytes.range("error code", errorCode, 0, 15);
        return withStatus(STATUS_RESPONSE | (keep ? STATUS_KEEP : 0) | (hardError ? STATUS_HARD_ERROR : 0) | errorCode);
    }

    @Override
    public int valueLength() {
        return FIXED_LENGTH + entries.size() * filterEntrySize(filterFormat);
    }

    @Override
    public int encode(byte[] b, int off) {
        int length = valueLength();
        VdpTlv.writeHeader(b, off, type, length);
        int p = off + HEADER_LENGTH;
        b[p] = (byte) status;
        Bytes.put24(b, p + 1, typeId);
        b[p + 4] = (byte) typeVersion;
        b[p + 5] = (byte) vsiidFormat;
        System.arraycopy(vsiid, 0, b, p + 6, VSIID_LENGTH);
        b[p + 22] = (byte) filterFormat;
        Bytes.put16(b, p + 23, entries.size());
        p += FIXED_LENGTH;
        for (FilterEntry e : entries) {
            if (filterFormat == FILTER_GROUP_VID || filterFormat == FILTER_GROUP_MAC_VID) {
                Bytes.put32(b, p, e.groupId());
                p += 4;
            }
            if (filterFormat == FILTER_MAC_VID || filterFormat == FILTER_GROUP_MAC_VID) {
                MacAddress.write(e.mac(), b, p);
                p += 6;
            }
            Bytes.put16(b, p, e.psPcpVid());
            p += 2;
        }
        return HEADER_LENGTH + length;
    }

    /**
     * Decodes a whole VSI TLV (header included) at {@code off}; {@code len} bytes available.
     *
     * @throws CodecException if it is not a type 1-4 TLV or is malformed
     */
    public static VsiTlv decode(byte[] b, int off, int len) throws CodecException {
        VdpTlv t = VdpTlv.decode(b, off, len);
        if (t instanceof VsiTlv v) {
            return v;
        }
        throw new CodecException("expected a VSI TLV (type 1-4), got type " + t.type() + " at offset " + off, off);
    }

    /**
     * Decodes the value of a VSI TLV of {@code type}: {@code len} is the TLV length field.
     *
     * @throws CodecException if the value is shorter than 25 bytes, the filter format is unknown,
     *                        or the length does not equal 25 + count * entry size
     */
    public static VsiTlv decodeValue(int type, byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "VSI TLV");
        if (len > MAX_VALUE_LENGTH) {
            throw new CodecException("VSI TLV length " + len + " at offset " + off + " exceeds 511", off);
        }
        if (type < PRE_ASSOCIATE || type > DE_ASSOCIATE) {
            throw new CodecException("VDP TLV type " + type + " is not a VSI TLV", off);
        }
        Bytes.need("VSI TLV", FIXED_LENGTH, off, off + len);
        int filterFormat = b[off + 22] & 0xFF;
        int k = filterEntrySize(filterFormat);
        if (k < 0) {
            throw new CodecException("unknown VDP filter format " + filterFormat + " at offset " + (off + 22), off + 22);
        }
        int count = Bytes.u16(b, off + 23);
        int expected = FIXED_LENGTH + count * k;
        if (len != expected) {
            throw new CodecException("VSI TLV length " + len + " at offset " + off + " does not match 25 + "
                    + count + " filter entries x " + k + " bytes = " + expected, off);
        }
        List<FilterEntry> entries = new ArrayList<>(count);
        int p = off + FIXED_LENGTH;
        for (int i = 0; i < count; i++) {
            int group = 0;
            long mac = 0;
            if (filterFormat == FILTER_GROUP_VID || filterFormat == FILTER_GROUP_MAC_VID) {
                group = Bytes.i32(b, p);
                p += 4;
            }
            if (filterFormat == FILTER_MAC_VID || filterFormat == FILTER_GROUP_MAC_VID) {
                mac = MacAddress.read(b, p);
                p += 6;
            }
            int w = Bytes.u16(b, p);
            p += 2;
            entries.add(new FilterEntry(group, mac, (w & 0x8000) != 0, (w >>> 12) & 7, w & 0xFFF));
        }
        return new VsiTlv(type, b[off] & 0xFF, Bytes.u24(b, off + 1), b[off + 4] & 0xFF, b[off + 5] & 0xFF,
                Bytes.copy(b, off + 6, VSIID_LENGTH), filterFormat, entries);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VsiTlv t && type == t.type && status == t.status && typeId == t.typeId
                && typeVersion == t.typeVersion && vsiidFormat == t.vsiidFormat && Arrays.equals(vsiid, t.vsiid)
                && filterFormat == t.filterFormat && entries.equals(t.entries);
    }

    @Override
    public int hashCode() {
        int h = type;
        h = h * 31 + status;
        h = h * 31 + typeId;
        h = h * 31 + typeVersion;
        h = h * 31 + vsiidFormat;
        h = h * 31 + Arrays.hashCode(vsiid);
        h = h * 31 + filterFormat;
        return h * 31 + entries.hashCode();
    }

    @Override
    public String toString() {
        return "VsiTlv[type=" + type + ", status=0x" + Integer.toHexString(status) + ", typeId=" + typeId
                + ", typeVersion=" + typeVersion + ", vsiidFormat=" + vsiidFormat + ", vsiid=" + Bytes.hex(vsiid)
                + ", filterFormat=" + filterFormat + ", entries=" + entries + "]";
    }
}
