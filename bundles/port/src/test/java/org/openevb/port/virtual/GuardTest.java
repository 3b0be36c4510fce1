package org.openevb.port.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.api.port.DropReason;
import org.openevb.codec.Frame;

/** The guards on frames built by hand: ARP, DHCP, ND, source MACs, and DHCP snooping. */
class GuardTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final long VM = 0x020000000001L;
    private static final String VM_MAC = "020000000001";
    private static final byte[] VM_IP = {10, 0, 0, 1};

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    static byte[] arp(String senderMac, String senderIp) {
        return hex("ffffffffffff" + senderMac + "0806" + "0001 0800 06 04 0002" + senderMac + senderIp
                + "000000000000 0a0000fe");
    }

    /** A DHCP message (op, type) from the server port 67 to 68: yiaddr, chaddr. */
    static byte[] dhcp(int op, int type, String yiaddr, String chaddr, boolean tagged) {
        StringBuilder bootp = new StringBuilder();
        bootp.append(String.format("%02x", op)).append("01 06 00").append("00000001 0000 0000 00000000")
                .append(yiaddr).append("00000000 00000000").append(chaddr).append("00".repeat(192))
                .append("63825363").append(String.format("35 01 %02x", type)).append("ff");
        String payload = bootp.toString().replace(" ", "");
        int udpLength = 8 + payload.length() / 2;
        String udp = String.format("0043 0044 %04x 0000", udpLength) + payload;
        String ip = String.format("4500 %04x 0000 0000 4011 0000 0a0000fe ffffffff", 20 + udpLength);
        return hex("ffffffffffff" + "02000000fe00" + (tagged ? "8100000a" : "") + "0800" + ip + udp);
    }

    static byte[] neighbourAdvertisement(String sourceMac, String target) {
        String icmp = "88 00 0000 60000000" + target;
        return hex("333300000001" + sourceMac + "86dd" + "60000000 0018 3a ff" + "fe80" + "00".repeat(14)
                + "ff02" + "00".repeat(13) + "01" + icmp);
    }

    private static DropReason check(Guard g, byte[] f) {
        return g.check(frame(f));
    }

    private static Frame frame(byte[] bytes) {
        Frame f = new Frame(2048);
        f.copyFrom(bytes, 0, bytes.length);
        return f;
    }

    @Test
    void arpSpoofingIsDroppedProbesAndBoundSendersPass() {
        Guard g = new Guard(List.of(), true, false, false, List.of(new Guard.Binding(VM, VM_IP)));
        assertNull(check(g, arp(VM_MAC, "0a000001")), "its own binding");
        assertEquals(DropReason.RX_GUARD_ARP, check(g, arp(VM_MAC, "0a000002")), "another VM's IP");
        assertEquals(DropReason.RX_GUARD_ARP, check(g, arp("020000000009", "0a000001")), "its IP from another MAC");
        assertNull(check(g, arp(VM_MAC, "00000000")), "an ARP probe claims nothing");
        assertNull(check(g, dhcp(2, 2, "0a000005", VM_MAC + "00".repeat(10), false)), "no DHCP guard");
    }

    @Test
    void dhcpServerMessagesFromTheVmAreDroppedTaggedOrNot() {
        Guard g = new Guard(List.of(), false, false, true, List.of());
        assertEquals(DropReason.RX_GUARD_DHCP, check(g, dhcp(2, 2, "0a000005", VM_MAC + "00".repeat(10), false)));
        assertEquals(DropReason.RX_GUARD_DHCP, check(g, dhcp(2, 5, "0a000005", VM_MAC + "00".repeat(10), true)));
        assertNull(check(g, arp(VM_MAC, "0a000002")), "no ARP guard");
        byte[] dhcpv6Advertise = hex("333300010002" + VM_MAC + "86dd" + "60000000 0008 11 40" + "fe80" + "00".repeat(14)
                + "fe80" + "00".repeat(14) + "0223 0222 0008 0000");
        assertEquals(DropReason.RX_GUARD_DHCP, check(g, dhcpv6Advertise));
    }

    @Test
    void theAcknowledgementThePortSendsBindsTheLeasedAddress() {
        Guard g = new Guard(List.of(), true, false, true, List.of());
        assertEquals(DropReason.RX_GUARD_ARP, check(g, arp(VM_MAC, "0a000005")));
        g.sent(frame(dhcp(2, 2, "0a000005", VM_MAC + "00".repeat(10), false)));
        assertEquals(List.of(), g.learned(), "an offer binds nothing");
        byte[] ack = dhcp(2, 5, "0a000005", VM_MAC + "00".repeat(10), true);
        g.sent(frame(ack));
        assertEquals(List.of(new Guard.Binding(VM, new byte[] {10, 0, 0, 5})), g.learned());
        assertNull(check(g, arp(VM_MAC, "0a000005")), "its leased address");
        for (int i = 0; i < Guard.MAX_LEARNED + 5; i++) {
            byte[] more = dhcp(2, 5, String.format("0a0001%02x", i), String.format("0200000001%02x", i) + "00".repeat(10), false);
            g.sent(frame(more));
        }
        assertEquals(Guard.MAX_LEARNED, g.learned().size(), "bounded, the oldest forgotten");
        assertEquals(DropReason.RX_GUARD_ARP, check(g, arp(VM_MAC, "0a000005")));
    }

    @Test
    void neighbourAdvertisementsMustBeBoundAndSourceMacsTheVms() {
        byte[] ip6 = hex("fd000000000000000000000000000001");
        Guard g = new Guard(List.of(VM), false, true, false, List.of(new Guard.Binding(VM, ip6)));
        assertNull(check(g, neighbourAdvertisement(VM_MAC, "fd000000000000000000000000000001")));
        assertEquals(DropReason.RX_GUARD_ND, check(g, neighbourAdvertisement(VM_MAC, "fd000000000000000000000000000002")));
        assertEquals(DropReason.RX_GUARD_SOURCE_MAC, check(g, arp("020000000009", "0a000002")));
        assertNull(check(g, new byte[10]), "too short to judge: the consumer counts it");
        assertTrue(g.sameRules(new Guard(List.of(VM), false, true, false, List.of(new Guard.Binding(VM, ip6.clone())))));
    }
}
