package org.openevb.driver.xdp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverHandle;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.api.driver.LinuxDrivers;
import org.openevb.api.driver.PortDriver;
import org.openevb.linux.LibC;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real interfaces through XDP sockets (AF_XDP) in copy mode: per port an XDP program, attached by
 * a bpf_link, sends the frames that match the port's kernel forwarding table out of their egress
 * interface ({@link XdpForwarding}) and redirects every other frame of the interface's receive
 * queue 0 into the port's socket; frames are sent from the socket's transmit ring. No library
 * beyond libc: bpf(2), socket(2), setsockopt(2) and mmap(2) through JNA.
 *
 * <p>The program runs in the generic receive path unless the options ask for native XDP
 * ({@link DriverOptions#xdpNative()}, the port key {@code xdp.mode = native}): a native program's
 * bpf_redirect hands the frame to the egress driver's XDP transmit, which a veth has only while
 * its peer has an XDP program or GRO on; otherwise the kernel drops the frame (counted only in the
 * ingress veth's {@code rx_queue_0_drops}, ethtool -S). In the generic path the redirected frame
 * is an ordinary transmit and reaches any interface.
 *
 * <p>What it does not do, unlike the packet driver: it has no offload metadata, so frames a local
 * sender (a veth peer with checksum offload, a VM's tap) left with a partial TCP/UDP checksum are
 * received and forwarded with that checksum unfinished, and the receiver drops them (TCP between
 * namespaces through a bridge on this driver fails with the default offloads; see the README).
 * Only queue 0 is served (a veth has one; a multi-queue NIC's other queues go to the kernel
 * stack). Frames longer than {@value XdpPort#MAX_RX} bytes received are dropped by the kernel and
 * counted as kernel drops. tcpdump on the interface sees neither the frames the program takes nor
 * the frames sent (a direct transmit, past the packet taps). Needs CAP_BPF (or CAP_SYS_ADMIN) and
 * CAP_NET_ADMIN. While a port holds the interface its bpf_link is the interface's XDP program:
 * no other can be attached.
 */
@Component(service = PortDriver.class, property = PortDriver.NAME_PROPERTY + "=" + XdpDriver.NAME)
public class XdpDriver implements PortDriver {

    public static final String NAME = "xdp";

    private static final Logger LOG = LoggerFactory.getLogger(XdpDriver.class);

    /** Whether the options may put the program in the veth or NIC driver (native XDP). */
    private final boolean allowNative;

    /** The kernel forwarding tables of this driver's handles. */
    private final XdpForwarding.Tables tables = new XdpForwarding.Tables();

    public XdpDriver() {
        this(true);
    }

    /** {@code allowNative} false: the program always in the generic receive path (after the skb), whatever the options. */
    public XdpDriver(boolean allowNative) {
        this.allowNative = allowNative;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverHandle open(String interfaceName, DriverOptions options, DriverListener listener) throws DriverException {
        LinuxDrivers.Found found = LinuxDrivers.find(interfaceName, options, NAME, LibC::unavailable, "XDP sockets");
        int ifindex = found.ifindex();
        int rxFrames = rxFrames(options.bufferSize());
        int txFrames = XdpPort.TX_FRAMES;
        long umemLength = (long) (rxFrames + txFrames) * XdpPort.CHUNK;
        Bpf bpf = null;
        int fd = -1;
        int promiscFd = -1;
        long umem = 0;
        Ring fill = null;
        Ring rx = null;
        Ring tx = null;
        Ring completion = null;
        try {
            bpf = Bpf.load(interfaceName, ifindex, tables);
            umem = LibC.mmap(0, umemLength, LibC.PROT_READ | LibC.PROT_WRITE,
                    LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | LibC.MAP_POPULATE, -1, 0);
            if (umem == LibC.MAP_FAILED || umem == 0) {
                umem = 0;
                throw new DriverException("cannot open interface '" + interfaceName + "' (mmap of the "
                        + (umemLength >> 20) + " MiB UMEM): " + LibC.error(Native.getLastError()));
            }
            fd = LibC.socket(Sys.AF_XDP, LibC.SOCK_RAW, 0);
            if (fd < 0) {
                throw new DriverException("cannot open an XDP socket for '" + interfaceName + "': "
                        + LibC.error(Native.getLastError()));
            }
            Memory reg = new Memory(32); // struct xdp_umem_reg: addr, len, chunk_size, headroom, flags, tx_metadata_len
            reg.clear();
            reg.setLong(0, umem);
            reg.setLong(8, umemLength);
            reg.setInt(16, XdpPort.CHUNK);
            check(LibC.setsockopt(fd, Sys.SOL_XDP, Sys.XDP_UMEM_REG, reg, 32), interfaceName, "XDP_UMEM_REG");
            setInt(fd, Sys.XDP_UMEM_FILL_RING, rxFrames, interfaceName, "XDP_UMEM_FILL_RING");
            setInt(fd, Sys.XDP_UMEM_COMPLETION_RING, txFrames, interfaceName, "XDP_UMEM_COMPLETION_RING");
            setInt(fd, Sys.XDP_RX_RING, rxFrames, interfaceName, "XDP_RX_RING");
            setInt(fd, Sys.XDP_TX_RING, txFrames, interfaceName, "XDP_TX_RING");
            Memory offsets = new Memory(128); // struct xdp_mmap_offsets: rx, tx, fr, cr; 32 bytes each
            Memory length = new Memory(4);
            length.setInt(0, 128);
            check(LibC.getsockopt(fd, Sys.SOL_XDP, Sys.XDP_MMAP_OFFSETS, offsets, length), interfaceName,
                    "XDP_MMAP_OFFSETS");
            rx = Ring.map(fd, offsets, 0, rxFrames, 16, Sys.XDP_PGOFF_RX_RING, interfaceName, "receive ring");
            tx = Ring.map(fd, offsets, 32, txFrames, 16, Sys.XDP_PGOFF_TX_RING, interfaceName, "transmit ring");
            fill = Ring.map(fd, offsets, 64, rxFrames, 8, Sys.XDP_UMEM_PGOFF_FILL_RING, interfaceName, "fill ring");
            completion = Ring.map(fd, offsets, 96, txFrames, 8, Sys.XDP_UMEM_PGOFF_COMPLETION_RING, interfaceName,
                    "completion ring");
            Memory sxdp = new Memory(16); // struct sockaddr_xdp: family, flags, ifindex, queue_id, shared_umem_fd
            sxdp.clear();
            sxdp.setShort(0, (short) Sys.AF_XDP);
            sxdp.setShort(2, Sys.XDP_COPY);
            sxdp.setInt(4, ifindex);
            sxdp.setInt(8, 0);
            check(LibC.bind(fd, sxdp, 16), interfaceName, "bind in copy mode to queue 0");
            // one send call may send a whole batch where the kernel takes it (else 32 per call)
            trySetInt(fd, Sys.XDP_MAX_TX_SKB_BUDGET, XdpPort.BATCH);
            if (options.promiscuous()) {
                promiscFd = promiscuous(ifindex, interfaceName);
            }
            XdpPort port = new XdpPort(interfaceName, found, fd, promiscFd, bpf, umem, umemLength, fill, rx, tx,
                    completion, rxFrames, options.snaplen(), listener, options.threadName(), options.rxCpus());
            fd = -1; // the port releases all of it from here on, also when start fails
            promiscFd = -1;
            umem = 0;
            fill = rx = tx = completion = null;
            Bpf attaching = bpf;
            bpf = null;
            port.fillAll();
            try {
                attaching.attach(portFd(port), ifindex, allowNative && options.xdpNative(), interfaceName);
            } catch (DriverException e) {
                port.closeUnstarted();
                throw e;
            }
            port.start();
            LOG.info("'{}' opened: XDP {}, copy mode, {} receive and {} transmit frames of {} bytes, {}", interfaceName,
                    port.nativeMode() ? "native" : "generic", rxFrames, txFrames, XdpPort.CHUNK,
                    port.kernelForwarding() == null ? "no kernel forwarding"
                            : "kernel forwarding of up to " + XdpForwarding.CAPACITY + " entries");
            return port;
        } catch (DriverException e) {
            cleanUp(bpf, fd, promiscFd, umem, umemLength, fill, rx, tx, completion);
            throw e;
        } catch (RuntimeException | LinkageError e) {
            cleanUp(bpf, fd, promiscFd, umem, umemLength, fill, rx, tx, completion);
            throw new DriverException("cannot open interface '" + interfaceName + "': " + e, e);
        }
    }

    private static int portFd(XdpPort port) {
        return port.socket();
    }

    /**
     * Frames to receive into: as many as the packet driver's ring has slots for the same buffer
     * size (one per 2 KiB), a power of two in 256..4096; each is a {@value XdpPort#CHUNK}-byte UMEM frame.
     */
    static int rxFrames(int bufferSize) {
        int frames = Math.max(1, bufferSize / 2048);
        int p = Integer.highestOneBit(frames);
        return Math.max(XdpPort.MIN_RX_FRAMES, Math.min(XdpPort.MAX_RX_FRAMES, p));
    }

    /**
     * A packet socket bound to the interface with protocol 0 (it receives nothing) holding
     * promiscuous mode for the port: the kernel drops the membership when it is closed.
     */
    private static int promiscuous(int ifindex, String interfaceName) throws DriverException {
        int s = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW, 0);
        if (s < 0) {
            throw new DriverException("cannot open interface '" + interfaceName + "' (promiscuous mode): "
                    + LibC.error(Native.getLastError()));
        }
        Memory sll = new Memory(20); // struct sockaddr_ll, protocol 0
        sll.clear();
        sll.setShort(0, (short) LibC.AF_PACKET);
        sll.setInt(4, ifindex);
        Memory mreq = new Memory(16); // struct packet_mreq
        mreq.clear();
        mreq.setInt(0, ifindex);
        mreq.setShort(4, (short) Sys.PACKET_MR_PROMISC);
        if (LibC.bind(s, sll, 20) != 0
                || LibC.setsockopt(s, Sys.SOL_PACKET, Sys.PACKET_ADD_MEMBERSHIP, mreq, 16) != 0) {
            int errno = Native.getLastError();
            LibC.close(s);
            throw new DriverException("cannot open interface '" + interfaceName + "' (promiscuous mode): " + LibC.error(errno));
        }
        return s;
    }

    private static void setInt(int fd, int option, int value, String interfaceName, String what) throws DriverException {
        Memory v = new Memory(4);
        v.setInt(0, value);
        check(LibC.setsockopt(fd, Sys.SOL_XDP, option, v, 4), interfaceName, what);
    }

    private static boolean trySetInt(int fd, int option, int value) {
        Memory v = new Memory(4);
        v.setInt(0, value);
        return LibC.setsockopt(fd, Sys.SOL_XDP, option, v, 4) == 0;
    }

    private static void check(int result, String interfaceName, String what) throws DriverException {
        if (result != 0) {
            throw new DriverException("cannot open interface '" + interfaceName + "' (" + what + "): "
                    + LibC.error(Native.getLastError()));
        }
    }

    private static void cleanUp(Bpf bpf, int fd, int promiscFd, long umem, long umemLength, Ring... rings) {
        if (bpf != null) {
            bpf.close();
        }
        LibC.closeQuietly(fd);
        LibC.closeQuietly(promiscFd);
        for (Ring r : rings) {
            if (r != null) {
                r.unmap();
            }
        }
        if (umem != 0) {
            LibC.munmap(umem, umemLength);
        }
    }
}
