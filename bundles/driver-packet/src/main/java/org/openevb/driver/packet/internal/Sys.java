package org.openevb.driver.packet.internal;

/**
 * The kernel's constants of packet sockets (linux/if_packet.h) and of the tap driver's ioctls
 * (linux/if_tun.h, linux/sockios.h); the calls themselves are {@link org.openevb.linux.LibC}'s.
 */
final class Sys {

    static final int ETH_P_ALL = 3;

    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_COPY_THRESH = 7;
    static final int PACKET_AUXDATA = 8;
    static final int PACKET_VERSION = 10;
    static final int PACKET_VNET_HDR = 15;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int PACKET_FANOUT = 18;
    /** Fanout by the frame's flow hash: a flow stays on one socket. */
    static final int PACKET_FANOUT_HASH = 0;
    /** Fanout flag: the kernel picks a group ID no other group in the namespace has. */
    static final int PACKET_FANOUT_FLAG_UNIQUEID = 0x2000;
    /** Fanout flag: IP fragments are reassembled before hashing, so they stay with their flow. */
    static final int PACKET_FANOUT_FLAG_DEFRAG = 0x8000;
    static final int PACKET_MR_PROMISC = 1;
    static final int PACKET_OUTGOING = 4;

    /** enum tpacket_versions: TPACKET_V1, TPACKET_V2, TPACKET_V3. */
    static final int TPACKET_V2 = 1;
    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    /** The frame did not fit its ring slot and is queued whole on the socket, for recvmsg. */
    static final int TP_STATUS_COPY = 2;
    static final int TP_STATUS_VLAN_VALID = 0x10;
    static final int TP_STATUS_VLAN_TPID_VALID = 0x40;

    /** ioctl requests of the tap driver: create a tap on /dev/net/tun, read and set interface flags. */
    static final long TUNSETIFF = 0x400454caL;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final short IFF_UP = 0x1;
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    /** struct ifreq: the name (16 bytes), then a union whose first member here is the flags. */
    static final int IFREQ_SIZE = 40;

    private Sys() {
    }
}
