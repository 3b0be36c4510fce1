package org.openevb.codec.pcap;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads capture files: classic libpcap in either byte order with microsecond (0xa1b2c3d4) or
 * nanosecond (0xa1b23c4d) timestamps, and pcapng (section header, interface description, enhanced,
 * simple and obsolete packet blocks; other blocks are skipped). pcapng is accepted because capture
 * tools write it by default, often under a {@code .pcap} name.
 *
 * <p>Every malformed or truncated file gives an {@link IOException} naming the problem and its
 * byte position; a file that ends cleanly between records simply ends. Records larger than
 * {@link #MAX_RECORD_LENGTH} are rejected so that a corrupt length cannot exhaust memory. Not
 * thread safe.
 */
public final class PcapReader implements Closeable {

    /** One captured frame. */
    public record Record(long timestampNanos, int originalLength, byte[] data) {

        public Record {
            data = data.clone();
        }

        /** A copy of the captured bytes. */
        @Override
        public byte[] data() {
            return data.clone();
        }

        /** Captured length. */
        public int length() {
            return data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Record r && timestampNanos == r.timestampNanos
                    && originalLength == r.originalLength && Arrays.equals(data, r.data);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(timestampNanos) * 31 + originalLength) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Record[timestampNanos=" + timestampNanos + ", originalLength=" + originalLength
                    + ", captured=" + data.length + "]";
        }
    }

    /** Largest record or block accepted. */
    public static final int MAX_RECORD_LENGTH = 16 * 1024 * 1024;

    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_IDB = 1;
    private static final int PCAPNG_OPB = 2;
    private static final int PCAPNG_SPB = 3;
    private static final int PCAPNG_EPB = 6;
    private static final int PCAPNG_BOM = 0x1A2B3C4D;
    private static final int OPT_IF_TSRESOL = 9;

    /** One pcapng interface: its link type, snap length and timestamp resolution octet. */
    private record Interface(int linkType, long snapLength, int tsResol) {
    }

    private final InputStream in;
    private final boolean pcapng;
    private final byte[] scratch = new byte[24];
    private boolean bigEndian;
    private boolean nanos;
    private int linkType = -1;
    private long position;
    private final List<Interface> interfaces = new ArrayList<>();

    /**
     * Reads the file header from {@code in}.
     *
     * @throws IOException if the stream is not a pcap or pcapng file
     */
    public PcapReader(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        this.in = in instanceof BufferedInputStream || in instanceof ByteArrayInputStream
                ? in : new BufferedInputStream(in);
        int n = read(scratch, 0, 4);
        if (n < 4) {
            throw new IOException("not a capture file: only " + n + " bytes");
        }
        int magic = be32(scratch, 0);
        if (magic == PCAPNG_SHB) {
            pcapng = true;
            readSectionHeader();
            return;
        }
        pcapng = false;
        switch (magic) {
            case 0xa1b2c3d4 -> { bigEndian = true; nanos = false; }
            case 0xd4c3b2a1 -> { bigEndian = false; nanos = false; }
            case 0xa1b23c4d -> { bigEndian = true; nanos = true; }
            case 0x4d3cb2a1 -> { bigEndian = false; nanos = true; }
            default -> throw new IOException(String.format("not a capture file: unknown magic 0x%08x", magic));
        }
        n = read(scratch, 4, 20);
        if (n < 20) {
            throw new IOException("pcap file truncated: the global header needs 24 bytes, got " + (4 + n));
        }
        int major = u16(scratch, 4);
        if (major != 2) {
            throw new IOException("unsupported pcap version " + major + "." + u16(scratch, 6));
        }
        linkType = (int) (u32(scratch, 20) & 0xFFFF);
    }

    /** A reader on {@code file}. */
    public static PcapReader open(Path file) throws IOException {
        InputStream is = new BufferedInputStream(Files.newInputStream(file));
        try {
            return new PcapReader(is);
        } catch (IOException | RuntimeException e) {
            is.close();
            throw e;
        }
    }

    /** All records of {@code file}. */
    public static List<Record> readAll(Path file) throws IOException {
        try (PcapReader r = open(file)) {
            return r.readRemaining();
        }
    }

    /** All records of {@code in} (the stream is not closed). */
    public static List<Record> readAll(InputStream in) throws IOException {
        return new PcapReader(in).readRemaining();
    }

    /** The records not read yet. */
    public List<Record> readRemaining() throws IOException {
        List<Record> out = new ArrayList<>();
        for (Record r = next(); r != null; r = next()) {
            out.add(r);
        }
        return out;
    }

    /** The file's link type (pcapng: of the first interface; -1 before one was seen). */
    public int linkType() {
        return pcapng && !interfaces.isEmpty() ? interfaces.get(0).linkType : linkType;
    }

    /** True for a pcapng file. */
    public boolean isPcapng() {
        return pcapng;
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @throws IOException if the file is malformed or truncated inside a record
     */
    public Record next() throws IOException {
        return pcapng ? nextPcapng() : nextClassic();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---------------------------------------------------------------- classic

    private Record nextClassic() throws IOException {
        long at = position;
        int n = read(scratch, 0, 16);
        if (n == 0) {
            return null;
        }
        if (n < 16) {
            throw new IOException("pcap file truncated: record header at byte " + at + " needs 16 bytes, got " + n);
        }
        long seconds = u32(scratch, 0);
        long fraction = u32(scratch, 4);
        long caplen = u32(scratch, 8);
        long origlen = u32(scratch, 12);
        if (caplen > MAX_RECORD_LENGTH) {
            throw new IOException("pcap record at byte " + at + " claims " + caplen + " bytes, more than "
                    + MAX_RECORD_LENGTH);
        }
        byte[] data = new byte[(int) caplen];
        int got = read(data, 0, data.length);
        if (got < data.length) {
            throw new IOException("pcap file truncated: record at byte " + at + " needs " + caplen
                    + " bytes of data, got " + got);
        }
        long ts = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000L);
        return new Record(ts, (int) Math.min(origlen, Integer.MAX_VALUE), data);
    }

    // ---------------------------------------------------------------- pcapng

    /** Reads the rest of a section header block whose type was just read. */
    private void readSectionHeader() throws IOException {
        long at = position - 4;
        int n = read(scratch, 0, 8);
        if (n < 8) {
            throw new IOException("pcapng file truncated: section header at byte " + at + " needs 12 bytes, got " + (4 + n));
        }
        int bom = be32(scratch, 4);
        if (bom == PCAPNG_BOM) {
            bigEndian = true;
        } else if (Integer.reverseBytes(bom) == PCAPNG_BOM) {
            bigEndian = false;
        } else {
            throw new IOException(String.format("pcapng section header at byte %d: bad byte-order magic 0x%08x", at, bom));
        }
        long length = u32(scratch, 0);
        if (length < 28 || length % 4 != 0 || length > MAX_RECORD_LENGTH) {
            throw new IOException("pcapng section header at byte " + at + ": bad block length " + length);
        }
        byte[] rest = readBody(at, (int) length - 12);
        int major = u16(rest, 0);
        if (major != 1) {
            throw new IOException("pcapng section header at byte " + at + ": unsupported version " + major);
        }
        checkTrailer(at, rest, length);
        interfaces.clear();
    }

    private Record nextPcapng() throws IOException {
        while (true) {
            long at = position;
            int n = read(scratch, 0, 4);
            if (n == 0) {
                return null;
            }
            if (n < 4) {
                throw new IOException("pcapng file truncated: block at byte " + at + " needs 4 bytes, got " + n);
            }
            // The section header type reads the same in both byte orders.
            if (be32(scratch, 0) == PCAPNG_SHB) {
                readSectionHeader();
                continue;
            }
            long type = u32(scratch, 0);
            n = read(scratch, 0, 4);
            if (n < 4) {
                throw new IOException("pcapng file truncated: block length at byte " + (at + 4) + " needs 4 bytes, got " + n);
            }
            long length = u32(scratch, 0);
            if (length < 12 || length % 4 != 0 || length > MAX_RECORD_LENGTH) {
                throw new IOException("pcapng block at byte " + at + ": bad block length " + length);
            }
            byte[] body = readBody(at, (int) length - 8);
            checkTrailer(at, body, length);
            int bodyLength = body.length - 4;
            if (type == PCAPNG_IDB) {
                readInterface(at, body, bodyLength);
            } else if (type == PCAPNG_EPB) {
                return enhancedPacket(at, body, bodyLength);
            } else if (type == PCAPNG_SPB) {
                return simplePacket(at, body, bodyLength);
            } else if (type == PCAPNG_OPB) {
                return obsoletePacket(at, body, bodyLength);
            }
            // Statistics, name resolution and custom blocks carry no frames.
        }
    }

    private void readInterface(long at, byte[] body, int bodyLength) throws IOException {
        if (bodyLength < 8) {
            throw new IOException("pcapng interface block at byte " + at + " too short: " + bodyLength + " bytes");
        }
        int tsResol = 6;
        int pos = 8;
        while (pos + 4 <= bodyLength) {
            int code = u16(body, pos);
            int olen = u16(body, pos + 2);
            if (code == 0) {
                break;
            }
            if (olen > bodyLength - pos - 4) {
                throw new IOException("pcapng interface block at byte " + at + ": option " + code + " runs past the block");
            }
            if (code == OPT_IF_TSRESOL && olen >= 1) {
                tsResol = body[pos + 4] & 0xFF;
            }
            pos += 4 + ((olen + 3) & ~3);
        }
        interfaces.add(new Interface(u16(body, 0), u32(body, 4), tsResol));
    }

    private Interface iface(long at, long id) throws IOException {
        if (id >= interfaces.size()) {
            throw new IOException("pcapng packet block at byte " + at + " names undefined interface " + id);
        }
        return interfaces.get((int) id);
    }

    private Record enhancedPacket(long at, byte[] body, int bodyLength) throws IOException {
        if (bodyLength < 20) {
            throw new IOException("pcapng enhanced packet block at byte " + at + " too short: " + bodyLength + " bytes");
        }
        Interface ifc = iface(at, u32(body, 0));
        long ts = (u32(body, 4) << 32) | u32(body, 8);
        long caplen = u32(body, 12);
        long origlen = u32(body, 16);
        if (caplen > bodyLength - 20) {
            throw new IOException("pcapng enhanced packet block at byte " + at + ": captured length " + caplen
                    + " exceeds the block");
        }
        return new Record(toNanos(at, ts, ifc.tsResol), (int) Math.min(origlen, Integer.MAX_VALUE),
                Arrays.copyOfRange(body, 20, 20 + (int) caplen));
    }

    private Record simplePacket(long at, byte[] body, int bodyLength) throws IOException {
        if (bodyLength < 4) {
            throw new IOException("pcapng simple packet block at byte " + at + " too short: " + bodyLength + " bytes");
        }
        Interface ifc = iface(at, 0);
        long origlen = u32(body, 0);
        long caplen = Math.min(origlen, bodyLength - 4);
        if (ifc.snapLength > 0) {
            caplen = Math.min(caplen, ifc.snapLength);
        }
        // Simple packet blocks carry no timestamp.
        return new Record(0, (int) Math.min(origlen, Integer.MAX_VALUE), Arrays.copyOfRange(body, 4, 4 + (int) caplen));
    }

    private Record obsoletePacket(long at, byte[] body, int bodyLength) throws IOException {
        if (bodyLength < 20) {
            throw new IOException("pcapng packet block at byte " + at + " too short: " + bodyLength + " bytes");
        }
        Interface ifc = iface(at, u16(body, 0));
        long ts = (u32(body, 4) << 32) | u32(body, 8);
        long caplen = u32(body, 12);
        long origlen = u32(body, 16);
        if (caplen > bodyLength - 20) {
            throw new IOException("pcapng packet block at byte " + at + ": captured length " + caplen + " exceeds the block");
        }
        return new Record(toNanos(at, ts, ifc.tsResol), (int) Math.min(origlen, Integer.MAX_VALUE),
                Arrays.copyOfRange(body, 20, 20 + (int) caplen));
    }

    /** Converts a timestamp in the interface's units (10^-r, or 2^-r if the top bit is set) to ns. */
    private static long toNanos(long at, long ts, int tsResol) throws IOException {
        try {
            if ((tsResol & 0x80) != 0) {
                return BigInteger.valueOf(ts).multiply(BigInteger.valueOf(1_000_000_000L))
                        .shiftRight(tsResol & 0x7F).longValueExact();
            }
            if (tsResol <= 9) {
                return Math.multiplyExact(ts, pow10(9 - tsResol));
            }
            if (tsResol <= 18) {
                return ts / pow10(tsResol - 9);
            }
            return 0;
        } catch (ArithmeticException e) {
            throw new IOException("pcapng packet block at byte " + at + ": timestamp out of range", e);
        }
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < e; i++) {
            v *= 10;
        }
        return v;
    }

    private byte[] readBody(long at, int n) throws IOException {
        byte[] body = new byte[n];
        int got = read(body, 0, n);
        if (got < n) {
            throw new IOException("pcapng file truncated: block at byte " + at + " needs " + n
                    + " more bytes, got " + got);
        }
        return body;
    }

    /** The block ends with a copy of its length. */
    private void checkTrailer(long at, byte[] body, long length) throws IOException {
        long trailer = u32(body, body.length - 4);
        if (trailer != length) {
            throw new IOException("pcapng block at byte " + at + ": trailing length " + trailer
                    + " differs from leading length " + length);
        }
    }

    // ---------------------------------------------------------------- bytes

    /** Reads up to n bytes, fewer only at the end of the stream. */
    private int read(byte[] b, int off, int n) throws IOException {
        int total = 0;
        while (total < n) {
            int r = in.read(b, off + total, n - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        position += total;
        return total;
    }

    private static int be32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    private int u16(byte[] b, int i) {
        return bigEndian ? ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF) : ((b[i + 1] & 0xFF) << 8) | (b[i] & 0xFF);
    }

    private long u32(byte[] b, int i) {
        int v = be32(b, i);
        return (bigEndian ? v : Integer.reverseBytes(v)) & 0xFFFF_FFFFL;
    }
}
