package org.openevb.driver.packet.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.driver.packet.internal.TestPackets.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.api.driver.DriverListener;
import org.openevb.codec.Frame;

class OffloadsTest {

    private static final int[][] NO_TAGS = {};

    private final List<byte[]> delivered = new ArrayList<>();
    private final Frame buffer = new Frame(65600);
    private final DriverListener listener = new DriverListener() {
        @Override
        public Frame rxFrame() {
            return buffer;
        }

        @Override
        public void received(Frame frame) {
            delivered.add(frame.toByteArray());
        }

        @Override
        public void stopped(String reason) {
        }
    };

    @Test
    void framesWithoutOffloadStateAreDeliveredAsTheyAre() {
        Offloads o = new Offloads(listener, 9217, 65600);
        byte[] f = frame(NO_TAGS, true, 6, tcp(1, 0x10, payload(100, 1)));
        byte[] copy = f.clone();
        o.frame(f, f.length, 0, 0, 0, 0, 0);
        assertEquals(1, delivered.size());
        assertArrayEquals(copy, delivered.get(0));
        assertEquals(0, o.completed());
    }

    @Test
    void aPartialChecksumIsCompletedBeforeDelivery() {
        Offloads o = new Offloads(listener, 9217, 65600);
        byte[] l4 = udp(payload(500, 2));
        byte[] f = frame(NO_TAGS, true, 17, l4);
        int seed = partialSeed(true, 17, l4.length);
        f[34 + 6] = (byte) (seed >>> 8);
        f[34 + 7] = (byte) seed;
        o.frame(f, f.length, Offloads.NEEDS_CSUM, 0, 0, 34, 6);
        assertEquals(1, delivered.size());
        assertTrue(l4Valid(delivered.get(0), f.length, 14, true, 17));
        assertEquals(1, o.completed());
    }

    @Test
    void aGsoFrameIsSegmentedBeforeTheSnapLengthApplies() {
        Offloads o = new Offloads(listener, 1515, 65600);
        byte[] f = frame(NO_TAGS, true, 6, tcp(1, 0x18, payload(60000, 3)));
        o.frame(f, f.length, Offloads.NEEDS_CSUM, Segmenter.GSO_TCPV4, 1448, 34, 16);
        assertEquals((60000 + 1447) / 1448, delivered.size());
        for (byte[] s : delivered) {
            assertTrue(s.length <= 1514, "segment of " + s.length);
            assertTrue(l4Valid(s, s.length, 14, true, 6));
        }
        assertEquals(1, o.segmented());
    }

    @Test
    void longFramesAreDeliveredTruncatedToTheSnapLength() {
        Offloads o = new Offloads(listener, 100, 65600);
        byte[] f = frame(NO_TAGS, true, 6, tcp(1, 0x10, payload(1000, 4)));
        o.frame(f, f.length, 0, 0, 0, 0, 0);
        assertEquals(100, delivered.get(0).length);
    }

    @Test
    void malformedFramesAreCountedAndDropped() {
        Offloads o = new Offloads(listener, 9217, 65600);
        byte[] f = frame(NO_TAGS, true, 6, tcp(1, 0x10, payload(3000, 5)));
        o.frame(f, f.length, Offloads.NEEDS_CSUM, 0, 0, f.length + 5, 16);
        o.frame(f, 40, Offloads.NEEDS_CSUM, Segmenter.GSO_TCPV4, 1448, 34, 16);
        o.frame(f, f.length, Offloads.NEEDS_CSUM, Segmenter.GSO_TCPV4, 0, 34, 16);
        o.frame(f, f.length, Offloads.NEEDS_CSUM, 0x42, 1448, 34, 16);
        assertEquals(0, delivered.size());
        assertEquals(3, o.malformed());
        assertEquals(1, o.unsupported());
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheSegments() {
        List<Integer> lengths = new ArrayList<>();
        Frame buffer = new Frame(9217);
        Offloads o = new Offloads(new DriverListener() {
            @Override
            public Frame rxFrame() {
                return buffer;
            }

            @Override
            public void received(Frame frame) {
                lengths.add(frame.length());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void stopped(String reason) {
            }
        }, 9217, 65600);
        byte[] f = frame(NO_TAGS, true, 6, tcp(1, 0x10, payload(3000, 6)));
        o.frame(f, f.length, Offloads.NEEDS_CSUM, Segmenter.GSO_TCPV4, 1448, 34, 16);
        assertEquals(3, lengths.size());
        assertEquals(1, o.segmented());
    }

    @Test
    void aFrameInThePortsBufferHasItsPartialChecksumCompletedWhereItLies() {
        Offloads o = new Offloads(listener, 9217, 65600);
        byte[] l4 = udp(payload(500, 7));
        byte[] f = frame(NO_TAGS, true, 17, l4);
        int seed = partialSeed(true, 17, l4.length);
        f[34 + 6] = (byte) (seed >>> 8);
        f[34 + 7] = (byte) seed;
        buffer.copyFrom(f, 0, f.length); // at the buffer's headroom, not at 0
        o.filled(buffer, true, Offloads.NEEDS_CSUM, 34, 6);
        assertEquals(1, delivered.size());
        assertTrue(l4Valid(delivered.get(0), f.length, 14, true, 17));
        assertEquals(1, o.completed());
    }

    @Test
    void aCutFrameInThePortsBufferIsDeliveredCutWithItsChecksumLeftAlone() {
        Offloads o = new Offloads(listener, 9217, 65600);
        byte[] f = frame(NO_TAGS, true, 17, udp(payload(500, 8)));
        buffer.copyFrom(f, 0, 300);
        o.filled(buffer, false, Offloads.NEEDS_CSUM, 34, 6);
        assertArrayEquals(Arrays.copyOf(f, 300), delivered.get(0));
        assertEquals(0, o.completed());
        assertEquals(0, o.malformed());
    }

    @Test
    void aFrameInThePortsBufferWithOffsetsOutsideItIsDroppedAndCounted() {
        Offloads o = new Offloads(listener, 9217, 65600);
        byte[] f = frame(NO_TAGS, true, 17, udp(payload(10, 9)));
        buffer.copyFrom(f, 0, f.length);
        o.filled(buffer, true, Offloads.NEEDS_CSUM, f.length - 2, 6);
        assertEquals(0, delivered.size());
        assertEquals(1, o.malformed());
    }

    @Test
    void theSnapLengthCutsAFrameInThePortsBuffer() {
        Offloads o = new Offloads(listener, 100, 65600);
        byte[] f = frame(NO_TAGS, true, 6, tcp(1, 0x10, payload(500, 10)));
        buffer.copyFrom(f, 0, f.length);
        o.filled(buffer, true, 0, 0, 0);
        assertArrayEquals(Arrays.copyOf(f, 100), delivered.get(0));
    }
}
