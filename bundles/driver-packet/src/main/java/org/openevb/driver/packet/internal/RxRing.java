package org.openevb.driver.packet.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.openevb.api.driver.DriverException;
import org.openevb.linux.LibC;

/**
 * The receive ring of a packet socket (PACKET_RX_RING, TPACKET_V2), mapped into this process: the
 * kernel writes each frame into the next free slot of {@value #SLOT_SIZE} bytes and hands the slot
 * over by its status word, so a busy port reads frame after frame without a system call (one
 * {@code poll()} only when the next slot is still the kernel's).
 *
 * <p>TPACKET_V2 rather than V3: a V3 block is handed over only when full or when its retire timer
 * fires (1 ms at the least), which delays every frame of a lightly loaded port; on V3 the
 * configuration stress test, whose frames cross a relay while it changes mode thousands of
 * times, lost 95 of 60000 frames in flight. A V2 slot is handed over, and the reader woken, frame
 * by frame, as with {@code recvmsg()}, and the forwarding cost is the same (3.1 us per frame).
 * Frames longer than a slot (GSO super-frames, jumbo frames) are queued whole on the socket as
 * well (PACKET_COPY_THRESH): their slot has TP_STATUS_COPY and the frame is read with
 * {@code recvmsg()}.
 *
 * <p>The ring is read through one {@link ByteBuffer} over the mapping, so reading a frame is plain
 * Java, no native call. Layout (linux/if_packet.h): each slot starts with struct tpacket2_hdr,
 * the struct sockaddr_ll at {@value #SLL_OFFSET}, the virtio_net_hdr right before the frame's
 * first byte at tp_mac.
 */
final class RxRing {

    /** An Ethernet frame of MTU 1500 with two tags, its headers and vnet header fit. */
    static final int SLOT_SIZE = 2048;
    static final int BLOCK_SIZE = 1 << 16;
    static final int MIN_BLOCKS = 4;

    // struct tpacket2_hdr: status 0, len 4, snaplen 8, mac 12, net 14, sec 16, nsec 20, vlan_tci 24, vlan_tpid 26
    static final int STATUS = 0;
    static final int LEN = 4;
    static final int SNAPLEN = 8;
    static final int MAC = 12;
    static final int VLAN_TCI = 24;
    static final int VLAN_TPID = 26;
    /** TPACKET_ALIGN(sizeof(struct tpacket2_hdr)); sll_pkttype is 10 bytes into the sockaddr_ll. */
    static final int SLL_OFFSET = 32;

    final int slots;
    final long size;
    final ByteBuffer buffer;
    private long address;

    private RxRing(int slots, long address, long size) {
        this.slots = slots;
        this.address = address;
        this.size = size;
        this.buffer = new Pointer(address).getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Sets up the ring on a socket whose version and vnet header option are set, and maps it.
     *
     * @param bytes the ring's size, rounded up to whole blocks, at least {@value #MIN_BLOCKS}
     */
    static RxRing map(int fd, int bytes, String interfaceName) throws DriverException {
        int blocks = Math.max(MIN_BLOCKS, (int) ((bytes + (long) BLOCK_SIZE - 1) / BLOCK_SIZE));
        int slots = BLOCK_SIZE / SLOT_SIZE * blocks;
        Memory req = new Memory(16); // struct tpacket_req
        req.setInt(0, BLOCK_SIZE);
        req.setInt(4, blocks);
        req.setInt(8, SLOT_SIZE);
        req.setInt(12, slots);
        if (LibC.setsockopt(fd, Sys.SOL_PACKET, Sys.PACKET_RX_RING, req, 16) != 0) {
            throw new DriverException("cannot open interface '" + interfaceName + "' (PACKET_RX_RING of " + blocks
                    + " blocks): " + LibC.error(Native.getLastError()));
        }
        long size = (long) BLOCK_SIZE * blocks;
        long address = LibC.mmap(0, size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0);
        if (address == LibC.MAP_FAILED || address == 0) {
            throw new DriverException("cannot open interface '" + interfaceName + "' (mmap of the receive ring): "
                    + LibC.error(Native.getLastError()));
        }
        // slots never straddle blocks (BLOCK_SIZE is a multiple of SLOT_SIZE): slot i is at i * SLOT_SIZE
        return new RxRing(slots, address, size);
    }

    /** Unmaps the ring; the buffer must not be read afterwards. Idempotent. */
    void unmap() {
        if (address != 0) {
            LibC.munmap(address, size);
            address = 0;
        }
    }
}
