package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openevb.codec.pcap.PcapReader;
import org.openevb.codec.pcap.PcapWriter;

/** The capture writer and reader. */
class PcapTest {

    @TempDir
    Path dir;

    @Test
    void writerReproducesTheVectorFileByteForByte() throws Exception {
        // evb-vectors-a is a little-endian microsecond file with snaplen 65535, like ours.
        byte[] original = Vectors.fileBytes(Vectors.A);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            for (PcapReader.Record r : Vectors.records(Vectors.A)) {
                w.write(r.timestampNanos(), r.data());
            }
        }
        assertArrayEquals(original, out.toByteArray());
    }

    @Test
    void nanosecondFilesAndBigEndianFiles() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] frame = Vectors.frame(Vectors.B, 1);
        try (PcapWriter w = new PcapWriter(out, true)) {
            w.write(1_700_000_000_123_456_789L, frame, 0, frame.length);
        }
        byte[] le = out.toByteArray();
        assertEquals("4d3cb2a1", Vectors.hex(java.util.Arrays.copyOf(le, 4)));
        List<PcapReader.Record> r = PcapReader.readAll(new ByteArrayInputStream(le));
        assertEquals(new PcapReader.Record(1_700_000_000_123_456_789L, frame.length, frame), r.get(0));

        // The same file in big-endian byte order.
        byte[] be = le.clone();
        swap(be, 0, 4);
        swap(be, 4, 2);
        swap(be, 6, 2);
        for (int i = 8; i < 24; i += 4) {
            swap(be, i, 4);
        }
        for (int i = 24; i < 40; i += 4) {
            swap(be, i, 4);
        }
        try (PcapReader reader = new PcapReader(new ByteArrayInputStream(be))) {
            assertEquals(1, reader.linkType());
            assertEquals(r, reader.readRemaining());
        }
    }

    static void swap(byte[] b, int off, int n) {
        for (int i = 0; i < n / 2; i++) {
            byte t = b[off + i];
            b[off + i] = b[off + n - 1 - i];
            b[off + n - 1 - i] = t;
        }
    }

    @Test
    void microsecondTruncationAndSnaplen() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] huge = new byte[70_000];
        huge[69_999] = 1;
        try (PcapWriter w = new PcapWriter(out)) {
            w.write(1_999L, huge, 0, huge.length);
            assertThrows(IllegalArgumentException.class, () -> w.write(-1, huge, 0, 1));
        }
        PcapReader.Record r = PcapReader.readAll(new ByteArrayInputStream(out.toByteArray())).get(0);
        assertEquals(1_000L, r.timestampNanos());
        assertEquals(70_000, r.originalLength());
        assertEquals(PcapWriter.SNAPLEN, r.length());
    }

    @Test
    void pathHelpers() throws Exception {
        Path f = dir.resolve("out.pcap");
        try (PcapWriter w = PcapWriter.create(f)) {
            for (byte[] b : Vectors.frames(Vectors.B)) {
                w.write(0, b);
            }
        }
        List<PcapReader.Record> back = PcapReader.readAll(f);
        assertEquals(14, back.size());
        assertArrayEquals(Vectors.frame(Vectors.B, 8), back.get(7).data());
        Path empty = dir.resolve("empty.pcap");
        Files.write(empty, new byte[0]);
        assertThrows(IOException.class, () -> PcapReader.readAll(empty));
        assertThrows(IOException.class, () -> PcapWriter.create(dir.resolve("missing/x.pcap")));
    }

    /** The written file opens in tshark and decodes to the same frames (tshark is installed by .ci/setup). */
    @Test
    void tsharkReadsWhatWeWrite() throws Exception {
        assertTrue(onPath("tshark"), "tshark is needed to check written pcap files: run .ci/setup");
        Path f = dir.resolve("all.pcap");
        int n = 0;
        try (PcapWriter w = PcapWriter.create(f)) {
            for (byte[] b : Vectors.allFrames()) {
                w.write(1_700_000_000_000_000_000L + 1_000L * n++, b);
            }
        }
        Process p = new ProcessBuilder("tshark", "-r", f.toString(), "-T", "fields", "-e", "frame.len", "-e", "eth.type")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        String[] lines = text.strip().split("\n");
        assertEquals(n, lines.length);
        List<byte[]> frames = Vectors.allFrames();
        for (int i = 0; i < n; i++) {
            assertEquals(String.valueOf(frames.get(i).length), lines[i].split("\t")[0], "frame " + (i + 1));
        }
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }
}
