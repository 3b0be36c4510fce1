package org.openevb.codec.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes classic libpcap files: version 2.4, link type 1 (Ethernet), snap length 65535, little
 * endian, microsecond timestamps (magic 0xa1b2c3d4) or, on request, nanosecond ones (0xa1b23c4d).
 * The global header is written by the constructor. Methods are synchronized, so several threads
 * may share one writer.
 */
public final class PcapWriter implements Closeable, Flushable {

    /** Link type Ethernet. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** Longest record stored; longer frames are cut and keep their original length. */
    public static final int SNAPLEN = 65535;

    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;

    private final OutputStream out;
    private final boolean nanos;
    private final byte[] header = new byte[24];
    private boolean closed;

    /** A microsecond-resolution writer on {@code out} (pass a buffered stream for speed). */
    public PcapWriter(OutputStream out) throws IOException {
        this(out, false);
    }

    /**
     * A writer on {@code out}.
     *
     * @param nanosecondResolution write the nanosecond magic and nanosecond timestamps
     */
    public PcapWriter(OutputStream out, boolean nanosecondResolution) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.nanos = nanosecondResolution;
        putLe32(header, 0, nanos ? MAGIC_NANOS : MAGIC_MICROS);
        putLe16(header, 4, 2);
        putLe16(header, 6, 4);
        putLe32(header, 8, 0);
        putLe32(header, 12, 0);
        putLe32(header, 16, SNAPLEN);
        putLe32(header, 20, LINKTYPE_ETHERNET);
        out.write(header, 0, 24);
    }

    /** A microsecond-resolution writer creating or replacing {@code file}. */
    public static PcapWriter create(Path file) throws IOException {
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(file));
        try {
            return new PcapWriter(os);
        } catch (IOException e) {
            os.close();
            throw e;
        }
    }

    /**
     * Appends one frame.
     *
     * @param timestampNanos nanoseconds since the epoch, 0 .. 2^32 seconds
     * @throws IllegalArgumentException if the timestamp does not fit the format
     * @throws IOException              if the stream fails or the writer is closed
     */
    public synchronized void write(long timestampNanos, byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp outside the pcap range: " + timestampNanos + " ns");
        }
        if (closed) {
            throw new IOException("pcap writer is closed");
        }
        int caplen = Math.min(len, SNAPLEN);
        putLe32(header, 0, (int) seconds);
        putLe32(header, 4, (int) (nanos ? fraction : fraction / 1000));
        putLe32(header, 8, caplen);
        putLe32(header, 12, len);
        out.write(header, 0, 16);
        out.write(b, off, caplen);
    }

    /** Appends a whole array as one frame. */
    public void write(long timestampNanos, byte[] frame) throws IOException {
        write(timestampNanos, frame, 0, frame.length);
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    private static void putLe16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    private static void putLe32(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }
}
