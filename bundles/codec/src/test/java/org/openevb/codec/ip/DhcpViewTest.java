package org.openevb.codec.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.Tag;

/**
 * The DHCP view on hand-made messages under several tag stacks: ports, the BOOTP fields and the
 * message type; every cut of every message gives what the cut frame still holds, never an
 * exception; random bytes never throw.
 */
class DhcpViewTest {

    private static final HexFormat HEX = HexFormat.of();

    /** An acknowledgement from 10.0.0.254 giving 10.0.0.5 to 02:00:00:00:00:01 (a pad before option 53). */
    static final byte[] ACK4 = dhcp4(2, "00 3501 05 ff");
    /** A DHCPv6 advertise: UDP 547 -> 546. */
    static final byte[] ADVERTISE6 = HEX.parseHex(("60000000 0008 11 40" + "fe80" + "00".repeat(14) + "fe80"
            + "00".repeat(14) + "0223 0222 0008 0000").replace(" ", ""));

    private final EthernetHeaderView eth = new EthernetHeaderView();
    private final DhcpView view = new DhcpView();

    /** An IPv4 DHCP message from the server with the given op and options. */
    static byte[] dhcp4(int op, String options) {
        String bootp = String.format("%02x", op) + "01 06 00" + "00000001 0000 0000 00000000" + "0a000005"
                + "00000000 00000000" + "020000000001" + "00".repeat(10) + "00".repeat(192) + "63825363" + options;
        bootp = bootp.replace(" ", "");
        int udpLength = 8 + bootp.length() / 2;
        String udp = String.format("0043 0044 %04x 0000", udpLength) + bootp;
        String ip = String.format("4500 %04x 0000 0000 4011 0000 0a0000fe ffffffff", 20 + udpLength);
        return HEX.parseHex((ip + udp).replace(" ", ""));
    }

    @Test
    void anAcknowledgementUnderEveryStack() {
        for (List<Tag> tags : IpHeaderViewTest.STACKS) {
            assertTrue(parse(IpHeaderViewTest.frame(tags, EtherType.IPV4, ACK4)), tags.toString());
            assertEquals(4, view.version());
            assertEquals(67, view.sourcePort());
            assertEquals(68, view.destinationPort());
            assertTrue(view.fromServer());
            assertTrue(view.bootp());
            assertEquals(DhcpView.BOOTREPLY, view.op());
            assertEquals(0x0a000005, view.yourAddress());
            assertEquals(0x020000000001L, view.clientMac());
            assertEquals(DhcpView.DHCPACK, view.messageType());
        }
    }

    @Test
    void dhcpv6FromTheServer() {
        assertTrue(parse(IpHeaderViewTest.frame(List.of(), EtherType.IPV6, ADVERTISE6)));
        assertEquals(6, view.version());
        assertTrue(view.fromServer());
        assertFalse(view.bootp());
        assertEquals(DhcpView.NONE, view.messageType());
    }

    @Test
    void portsOfTheOtherVersionAreNoServers() {
        byte[] v6PortsOverV4 = ACK4.clone();
        v6PortsOverV4[20] = 0x02;
        v6PortsOverV4[21] = 0x23;
        v6PortsOverV4[22] = 0x02;
        v6PortsOverV4[23] = 0x22;
        assertTrue(parse(IpHeaderViewTest.frame(List.of(), EtherType.IPV4, v6PortsOverV4)));
        assertFalse(view.fromServer());
        byte[] clientToServer = ACK4.clone();
        clientToServer[21] = 68;
        clientToServer[23] = 67;
        assertTrue(parse(IpHeaderViewTest.frame(List.of(), EtherType.IPV4, clientToServer)));
        assertFalse(view.fromServer());
    }

    @Test
    void messageTypesAndTheirAbsence() {
        assertEquals(2, typeOf(dhcp4(2, "3501 02 ff")));
        assertEquals(DhcpView.NONE, typeOf(dhcp4(2, "ff 3501 05")), "after the end option");
        assertEquals(5, typeOf(dhcp4(2, "0c03 616263 3501 05")), "after another option");
        assertEquals(DhcpView.NONE, typeOf(dhcp4(2, "3502 0505 ff")), "a length other than 1");
        assertEquals(DhcpView.NONE, typeOf(dhcp4(2, "0c")), "an option without its length");
        assertEquals(DhcpView.NONE, typeOf(dhcp4(2, "35 01")), "an option without its value");
        byte[] noCookie = ACK4.clone();
        noCookie[28 + 236] = 0;
        assertTrue(parse(IpHeaderViewTest.frame(List.of(), EtherType.IPV4, noCookie)));
        assertFalse(view.bootp());
        assertEquals(DhcpView.NONE, view.op());
        assertEquals(0, view.yourAddress());
    }

    @Test
    void otherPacketsHaveNoPorts() {
        assertFalse(parse(IpHeaderViewTest.frame(List.of(), EtherType.ARP, ACK4)));
        assertEquals(DhcpView.ERROR_NOT_IP, view.error());
        assertFalse(parse(IpHeaderViewTest.frame(List.of(), EtherType.IPV4, IpHeaderViewTest.TCP4)));
        assertEquals(DhcpView.ERROR_NOT_UDP, view.error());
        assertEquals(DhcpView.NONE, view.sourcePort());
        assertFalse(view.fromServer());
    }

    /** Every cut: the ports while the frame holds them, the BOOTP fields while it holds them whole. */
    @Test
    void everyTruncation() {
        for (List<Tag> tags : IpHeaderViewTest.STACKS) {
            for (byte[] packet : List.of(ACK4, ADVERTISE6)) {
                int type = packet == ACK4 ? EtherType.IPV4 : EtherType.IPV6;
                byte[] whole = IpHeaderViewTest.frame(tags, type, packet);
                int header = whole.length - packet.length;
                for (int cut = header; cut <= whole.length; cut++) {
                    Frame f = frameOf(whole, cut);
                    boolean ok = view.parse(eth, f);
                    int have = cut - header;
                    assertEquals(have >= (packet == ACK4 ? 28 : 48), ok, "cut at " + have + " " + tags);
                    assertEquals(ok, view.fromServer());
                    if (!ok) {
                        assertNotNull(view.error());
                    }
                    if (packet == ACK4) {
                        assertEquals(have >= 28 + 240, view.bootp(), "cut at " + have);
                        assertEquals(have >= 28 + 240 + 4 ? DhcpView.DHCPACK : DhcpView.NONE, view.messageType(),
                                "cut at " + have);
                    }
                }
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(400)];
            random.nextBytes(b);
            if (b.length > 300 && random.nextBoolean()) {
                System.arraycopy(ACK4, 0, b, 0, 28 + 240); // valid headers, random options
            }
            int type = random.nextBoolean() ? EtherType.IPV4 : EtherType.IPV6;
            if (!view.parse(b, 0, b.length, type)) {
                assertNotNull(view.error());
            }
        }
        assertFalse(view.parse(null, 0, 28, EtherType.IPV4));
        assertFalse(view.parse(ACK4, ACK4.length, 28, EtherType.IPV4));
    }

    private int typeOf(byte[] packet) {
        assertTrue(parse(IpHeaderViewTest.frame(List.of(), EtherType.IPV4, packet)));
        return view.messageType();
    }

    private boolean parse(byte[] frame) {
        return view.parse(eth, frameOf(frame, frame.length));
    }

    private Frame frameOf(byte[] bytes, int length) {
        Frame f = new Frame(bytes.length);
        f.copyFrom(bytes, 0, length);
        assertTrue(eth.parse(f), eth.error());
        return f;
    }
}
