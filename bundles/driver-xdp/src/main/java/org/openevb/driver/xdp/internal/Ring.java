package org.openevb.driver.xdp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.openevb.api.driver.DriverException;
import org.openevb.linux.LibC;

/**
 * One of an XDP socket's four rings, mapped into this process: a producer and a consumer index
 * (free-running 32-bit counters, one side writes each) and a power-of-two array of entries (UMEM
 * addresses for the fill and completion rings, struct xdp_desc for the receive and transmit rings).
 * The indexes are shared with the kernel: read with acquire (what the other side wrote before it
 * moved its index is visible after the read) and written with release (our entries are written
 * before the index moves), through a {@link VarHandle} on a direct {@link ByteBuffer} over the
 * mapping. No system call per entry.
 */
final class Ring {

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    /** The entries, native order; entry {@code i} at {@code (i & mask) * entrySize}. */
    final ByteBuffer entries;
    final int mask;
    final int size;
    private final ByteBuffer indexes;
    private final int producer;
    private final int consumer;
    private long address;
    private final long length;

    private Ring(long address, long length, int producer, int consumer, int desc, int size, int entrySize) {
        this.address = address;
        this.length = length;
        ByteBuffer all = new Pointer(address).getByteBuffer(0, length).order(ByteOrder.nativeOrder());
        this.indexes = all;
        this.producer = producer;
        this.consumer = consumer;
        this.entries = all.slice(desc, size * entrySize).order(ByteOrder.nativeOrder());
        this.size = size;
        this.mask = size - 1;
    }

    /**
     * Maps a ring of {@code size} entries of {@code entrySize} bytes; {@code offsets} is the
     * socket's struct xdp_mmap_offsets and {@code at} the ring's struct xdp_ring_offset in it
     * (producer, consumer, desc, flags; 8 bytes each).
     */
    static Ring map(int fd, Memory offsets, int at, int size, int entrySize, long pageOffset, String interfaceName,
            String what) throws DriverException {
        int producer = (int) offsets.getLong(at);
        int consumer = (int) offsets.getLong(at + 8);
        int desc = (int) offsets.getLong(at + 16);
        long length = desc + (long) size * entrySize;
        long address = LibC.mmap(0, length, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED | LibC.MAP_POPULATE, fd,
                pageOffset);
        if (address == LibC.MAP_FAILED || address == 0) {
            throw new DriverException("cannot open interface '" + interfaceName + "' (mmap of the " + what + "): "
                    + LibC.error(Native.getLastError()));
        }
        return new Ring(address, length, producer, consumer, desc, size, entrySize);
    }

    int producerAcquire() {
        return (int) INT.getAcquire(indexes, producer);
    }

    int consumerAcquire() {
        return (int) INT.getAcquire(indexes, consumer);
    }

    void producerRelease(int value) {
        INT.setRelease(indexes, producer, value);
    }

    void consumerRelease(int value) {
        INT.setRelease(indexes, consumer, value);
    }

    /** Unmaps the ring; it must not be touched afterwards. Idempotent. */
    void unmap() {
        if (address != 0) {
            LibC.munmap(address, length);
            address = 0;
        }
    }
}
