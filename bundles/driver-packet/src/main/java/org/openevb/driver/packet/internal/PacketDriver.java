package org.openevb.driver.packet.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import org.openevb.api.driver.CpuSet;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverHandle;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.api.driver.LinuxDrivers;
import org.openevb.api.driver.PortDriver;
import org.openevb.linux.LibC;
import org.osgi.service.component.annotations.Component;

/**
 * Real interfaces through Linux packet sockets, received through a mapped ring ({@link RxRing}).
 * Unlike libpcap, the socket reports the kernel's offload state of every frame
 * (PACKET_VNET_HDR): frames a local sender left with a partial checksum get it completed, and GSO
 * super-frames (up to 64 KiB, from TCP senders with TSO) are cut into MTU-sized segments before
 * the port sees them, as a NIC would do. Promiscuous, inbound only (a port never captures its own
 * sends), VLAN tags the kernel took out put back in.
 */
@Component(service = PortDriver.class, property = PortDriver.NAME_PROPERTY + "=" + PacketDriver.NAME)
public class PacketDriver implements PortDriver {

    public static final String NAME = "packet";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverHandle open(String interfaceName, DriverOptions options, DriverListener listener) throws DriverException {
        LinuxDrivers.Found found = LinuxDrivers.find(interfaceName, LibC::unavailable, "packet sockets");
        int lanes = options.rxLanes();
        if (lanes == 1) {
            return openLane(interfaceName, found, options, listener, options.threadName(), options.rxCpus(), -1, true);
        }
        // several lanes: one receive socket, ring and thread each, in one fanout group; lane 0's
        // socket makes the group (with an ID the kernel picks) and sends for all of them
        PacketPort[] opened = new PacketPort[lanes];
        try {
            int group = 0;
            for (int i = 0; i < lanes; i++) {
                opened[i] = openLane(interfaceName, found, options, listener.lane(i), options.threadName() + "-" + i,
                        options.rxCpus().forLane(i), i == 0 ? -1 : group, i == 0);
                if (i == 0) {
                    group = opened[0].fanoutGroup();
                }
            }
        } catch (DriverException e) {
            for (PacketPort p : opened) {
                if (p != null) {
                    p.close();
                }
            }
            throw e;
        }
        return new LanedPort(opened);
    }

    /**
     * Opens one receive lane: {@code group} -1 makes a new fanout group when lanes are wanted
     * (else none), another value joins that group; {@code sending} gives the lane a send socket.
     */
    private static PacketPort openLane(String interfaceName, LinuxDrivers.Found found, DriverOptions options,
            DriverListener listener, String threadName, CpuSet cpus, int group, boolean sending) throws DriverException {
        int ifindex = found.ifindex();
        int recv = -1;
        int send = -1;
        RxRing ring = null;
        try {
            // protocol 0 until bound: a socket made with ETH_P_ALL would queue every interface's
            // frames until bind() narrows it to ours
            recv = socket(interfaceName);
            setInt(recv, Sys.SOL_PACKET, Sys.PACKET_VNET_HDR, 1, interfaceName, "PACKET_VNET_HDR");
            setInt(recv, Sys.SOL_PACKET, Sys.PACKET_AUXDATA, 1, interfaceName, "PACKET_AUXDATA");
            boolean ignoringOutgoing = trySetInt(recv, Sys.SOL_PACKET, Sys.PACKET_IGNORE_OUTGOING, 1);
            // SO_RCVBUFFORCE (CAP_NET_ADMIN) is not capped by net.core.rmem_max as SO_RCVBUF is
            if (!trySetInt(recv, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, options.bufferSize())) {
                setInt(recv, LibC.SOL_SOCKET, LibC.SO_RCVBUF, options.bufferSize(), interfaceName, "SO_RCVBUF");
            }
            // frames arrive in a mapped ring of buffer.size bytes; those longer than a slot are
            // queued whole on the socket as well, read with recvmsg (the vnet header comes first)
            setInt(recv, Sys.SOL_PACKET, Sys.PACKET_VERSION, Sys.TPACKET_V2, interfaceName, "PACKET_VERSION");
            setInt(recv, Sys.SOL_PACKET, Sys.PACKET_COPY_THRESH, 1, interfaceName, "PACKET_COPY_THRESH");
            ring = RxRing.map(recv, options.bufferSize(), interfaceName);
            bind(recv, Sys.ETH_P_ALL, ifindex, interfaceName);
            if (options.rxLanes() > 1) {
                joinFanout(recv, group, interfaceName);
            }
            if (options.promiscuous()) {
                Memory mreq = new Memory(16); // struct packet_mreq
                mreq.clear();
                mreq.setInt(0, ifindex);
                mreq.setShort(4, (short) Sys.PACKET_MR_PROMISC);
                check(LibC.setsockopt(recv, Sys.SOL_PACKET, Sys.PACKET_ADD_MEMBERSHIP, mreq, 16), interfaceName,
                        "promiscuous mode");
            }
            // sends go through a socket without a vnet header (else each send would need one) and
            // bound with protocol 0, so it receives nothing
            if (sending) {
                send = socket(interfaceName);
                bind(send, 0, ifindex, interfaceName);
            }
            PacketPort port = new PacketPort(interfaceName, found, recv, ring, send, ignoringOutgoing,
                    options.snaplen(), listener, threadName, cpus);
            recv = -1; // the port closes its sockets and ring from here on, also when start fails
            send = -1;
            ring = null;
            port.start();
            if (sending) {
                port.watchLink(); // one interface, one carrier: lane 0 hears of it
            }
            return port;
        } catch (DriverException e) {
            unmapQuietly(ring);
            LibC.closeQuietly(recv);
            LibC.closeQuietly(send);
            throw e;
        } catch (RuntimeException | LinkageError e) {
            unmapQuietly(ring);
            LibC.closeQuietly(recv);
            LibC.closeQuietly(send);
            throw new DriverException("cannot open interface '" + interfaceName + "': " + e, e);
        }
    }

    /**
     * Puts a bound receive socket in a fanout group by flow hash: a new one (-1, its ID picked by
     * the kernel) or {@code group}.
     */
    private static void joinFanout(int fd, int group, String interfaceName) throws DriverException {
        int flags = Sys.PACKET_FANOUT_FLAG_DEFRAG | (group < 0 ? Sys.PACKET_FANOUT_FLAG_UNIQUEID : 0);
        setInt(fd, Sys.SOL_PACKET, Sys.PACKET_FANOUT, Math.max(group, 0) | (Sys.PACKET_FANOUT_HASH | flags) << 16,
                interfaceName, "PACKET_FANOUT");
    }

    /** The fanout group ID of a socket in one. */
    static int fanoutGroup(int fd, String interfaceName) throws DriverException {
        Memory v = new Memory(4);
        Memory length = new Memory(4);
        length.setInt(0, 4);
        check(LibC.getsockopt(fd, Sys.SOL_PACKET, Sys.PACKET_FANOUT, v, length), interfaceName, "PACKET_FANOUT");
        return v.getInt(0) & 0xFFFF;
    }

    private static int socket(String interfaceName) throws DriverException {
        int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW, 0);
        if (fd < 0) {
            throw new DriverException("cannot open a packet socket for '" + interfaceName + "': "
                    + LibC.error(Native.getLastError()));
        }
        return fd;
    }

    private static void bind(int fd, int protocol, int ifindex, String interfaceName) throws DriverException {
        Memory sll = new Memory(20); // struct sockaddr_ll
        sll.clear();
        sll.setShort(0, (short) LibC.AF_PACKET);
        sll.setByte(2, (byte) (protocol >>> 8)); // sll_protocol, network byte order
        sll.setByte(3, (byte) protocol);
        sll.setInt(4, ifindex);
        check(LibC.bind(fd, sll, 20), interfaceName, "bind");
    }

    private static void setInt(int fd, int level, int option, int value, String interfaceName, String what)
            throws DriverException {
        Memory v = new Memory(4);
        v.setInt(0, value);
        check(LibC.setsockopt(fd, level, option, v, 4), interfaceName, what);
    }

    private static boolean trySetInt(int fd, int level, int option, int value) {
        Memory v = new Memory(4);
        v.setInt(0, value);
        return LibC.setsockopt(fd, level, option, v, 4) == 0;
    }

    private static void check(int result, String interfaceName, String what) throws DriverException {
        if (result != 0) {
            throw new DriverException("cannot open interface '" + interfaceName + "' (" + what + "): "
                    + LibC.error(Native.getLastError()));
        }
    }

    private static void unmapQuietly(RxRing ring) {
        if (ring != null) {
            ring.unmap();
        }
    }
}
