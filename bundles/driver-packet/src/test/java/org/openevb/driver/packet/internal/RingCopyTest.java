package org.openevb.driver.packet.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How a frame leaves a ring slot for the port's buffer: whole, cut, with the stripped tag put back. */
class RingCopyTest {

    private static final int MAC = 100;
    private static final int AT = 64;

    /** 60 bytes: destination, source, EtherType 0x0800, then 1, 2, 3... */
    private static byte[] frame() {
        byte[] f = new byte[60];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (0xA0 + i);
            f[6 + i] = (byte) (0xB0 + i);
        }
        f[12] = 0x08;
        for (int i = 14; i < f.length; i++) {
            f[i] = (byte) (i - 13);
        }
        return f;
    }

    private static ByteBuffer ring(byte[] f) {
        ByteBuffer r = ByteBuffer.allocateDirect(MAC + f.length + 32);
        r.put(MAC, f);
        return r;
    }

    private static byte[] tagged(byte[] f, int tpid, int tci) {
        byte[] t = new byte[f.length + 4];
        System.arraycopy(f, 0, t, 0, 12);
        t[12] = (byte) (tpid >>> 8);
        t[13] = (byte) tpid;
        t[14] = (byte) (tci >>> 8);
        t[15] = (byte) tci;
        System.arraycopy(f, 12, t, 16, f.length - 12);
        return t;
    }

    @Test
    void anUntaggedFrameIsCopiedAsItIsToWhereTheBufferWantsIt() {
        byte[] f = frame();
        byte[] dst = new byte[AT + 200];
        assertEquals(60, PacketPort.copyOut(ring(f), MAC, 60, -1, dst, AT, 200));
        assertArrayEquals(f, Arrays.copyOfRange(dst, AT, AT + 60));
    }

    @Test
    void theTagTheKernelTookOutGoesBackAfterTheAddresses() {
        byte[] f = frame();
        byte[] dst = new byte[AT + 200];
        int n = PacketPort.copyOut(ring(f), MAC, 60, (0x88a8 << 16) | 0x2064, dst, AT, 200);
        assertEquals(64, n);
        assertArrayEquals(tagged(f, 0x88a8, 0x2064), Arrays.copyOfRange(dst, AT, AT + 64));
    }

    @Test
    void aFrameLongerThanTheRoomIsCutAtTheRoomWithOrWithoutItsTag() {
        byte[] f = frame();
        byte[] want = tagged(f, 0x8100, 7);
        for (int room : new int[] {0, 5, 12, 14, 16, 17, 40, 63}) {
            byte[] dst = new byte[AT + 200];
            assertEquals(room, PacketPort.copyOut(ring(f), MAC, 60, (0x8100 << 16) | 7, dst, AT, room));
            assertArrayEquals(Arrays.copyOf(want, room), Arrays.copyOfRange(dst, AT, AT + room), "room " + room);
            assertEquals(0, dst[AT + room], "nothing written past the room " + room);
        }
        byte[] dst = new byte[AT + 200];
        assertEquals(30, PacketPort.copyOut(ring(f), MAC, 60, -1, dst, AT, 30));
        assertArrayEquals(Arrays.copyOf(f, 30), Arrays.copyOfRange(dst, AT, AT + 30));
    }
}
