package org.openevb.vdp;

import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;

/**
 * The announcement a hypervisor sends for a VM's MAC after a migration (QEMU's
 * {@code announce_self}): a RARP request (EtherType 0x8035, opcode 3) from the MAC to the broadcast
 * address, sender and target hardware address the MAC, protocol addresses 0. Bridges on the way
 * learn the MAC behind the port it arrives on; no one answers it. Written 802.1Q-tagged with the
 * VSI's VID, as the VSI's other frames go to the bridge.
 */
public final class Rarp {

    /** EtherType of RARP. */
    public static final int ETHER_TYPE = 0x8035;
    /** Length of the frame written: 64 bytes with its tag (a 60-byte frame untagged). */
    public static final int LENGTH = 64;
    private static final int OP_REQUEST_REVERSE = 3;

    private Rarp() {
    }

    /**
     * Writes the announcement of {@code mac} on {@code vid} with priority {@code pcp} into
     * {@code out} from 0 (at least {@link #LENGTH} bytes); the padding is zeroed. Every VID and
     * PCP a filter entry can hold is accepted (a VID the bridge answered is written as it is).
     *
     * @return the frame's length, {@link #LENGTH}
     */
    public static int write(long mac, int vid, int pcp, byte[] out) {
        if (vid < 0 || vid > 4095 || pcp < 0 || pcp > 7) {
            throw new IllegalArgumentException("VID " + vid + " or PCP " + pcp + " out of range");
        }
        java.util.Arrays.fill(out, 0, LENGTH, (byte) 0);
        MacAddress.write(MacAddress.BROADCAST, out, 0);
        MacAddress.write(mac, out, 6);
        out[12] = (byte) (EtherType.C_TAG >>> 8);
        out[13] = (byte) EtherType.C_TAG;
        int tci = pcp << 13 | vid;
        out[14] = (byte) (tci >>> 8);
        out[15] = (byte) tci;
        out[16] = (byte) (ETHER_TYPE >>> 8);
        out[17] = (byte) ETHER_TYPE;
        int p = 18;
        out[p + 1] = 1; // hardware type: Ethernet
        out[p + 2] = 0x08; // protocol type: IPv4
        out[p + 4] = 6; // hardware address length
        out[p + 5] = 4; // protocol address length
        out[p + 7] = OP_REQUEST_REVERSE;
        MacAddress.write(mac, out, p + 8); // sender hardware address; sender IP 0
        MacAddress.write(mac, out, p + 18); // target hardware address; target IP 0
        return LENGTH;
    }
}
