package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** P13's SNMPv2c: requests byte for byte, responses read, and the walk's bounds. */
class SnmpTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aGetNextRequestIsTheBerAnyAgentReads() {
        // counted by hand: message 0x26 = version 3 + community 8 + PDU 2+25; PDU: id, status, index 3 each + list 2+14
        byte[] want = HEX.parseHex("302602010104067075626c6963a119020101020100020100300e300c06082b060102010101000500");
        assertArrayEquals(want, Snmp.getNext("public", 1, "1.3.6.1.2.1.1.1.0"));
    }

    @Test
    void arcsAbove127TakeSeveralBytes() {
        // ieee802dot1mibs.24 = 1.3.111.2.802.1.1.24: 802 = 6 x 128 + 34
        assertArrayEquals(HEX.parseHex("2b6f0286220101" + "18"), Snmp.oid("1.3.111.2.802.1.1.24"));
        assertEquals("1.3.111.2.802.1.1.24", Snmp.oidText(Snmp.oid(".1.3.111.2.802.1.1.24"), 0, 8));
        byte[] big = Snmp.oid("1.3.6.1.4.1.2147483647");
        assertEquals(10, big.length, "five arcs of one byte, one of five");
        assertEquals("1.3.6.1.4.1.2147483647", Snmp.oidText(big, 0, big.length));
    }

    @Test
    void aResponseIsReadWithItsValuesAsText() {
        byte[] r = response(7, 0, binding("1.3.111.2.802.1.1.24.1.1.1.0", Snmp.integer(1)),
                binding("1.3.111.2.802.1.1.24.1.1.11.0", Snmp.tlv(0x42, new byte[] {0, (byte) 0xC8})),
                binding("1.3.6.1.2.1.1.5.0", Snmp.tlv(0x04, "tor1".getBytes())),
                binding("1.3.6.1.2.1.1.6.0", Snmp.tlv(0x04, new byte[] {0, 1})),
                binding("1.3.6.1.2.1.1.7.0", Snmp.integer(-2)),
                binding("1.3.6.1.2.1.1.8.0", new byte[] {(byte) 0x82, 0}));
        Snmp.Response got = Snmp.response(r, r.length);
        assertEquals(7, got.requestId());
        assertEquals(0, got.errorStatus());
        List<String> values = got.bindings().stream().map(Snmp.Binding::value).toList();
        assertEquals(List.of("1", "200", "tor1", "0x0001", "-2", Snmp.END_OF_MIB_VIEW), values);
        assertEquals("1.3.111.2.802.1.1.24.1.1.11.0", got.bindings().get(1).oid());
        assertTrue(got.bindings().get(0).numeric());
        assertTrue(got.bindings().get(5).endOfView());
        assertTrue(Snmp.under("1.3.111.2.802.1.1.24.1.1.1.0", "1.3.111.2.802.1.1.24.1.1"));
        assertTrue(!Snmp.under("1.3.111.2.802.1.1.24.1.10", "1.3.111.2.802.1.1.24.1.1"));
    }

    @Test
    void everyCutOfAResponseIsRefusedNotMisread() {
        byte[] r = response(7, 0, binding("1.3.111.2.802.1.1.24.1.1.1.0", Snmp.integer(1)));
        for (int n = 0; n < r.length; n++) {
            int cut = n;
            assertThrows(IllegalArgumentException.class, () -> Snmp.response(Arrays.copyOf(r, cut), cut), "cut at " + cut);
        }
        byte[] request = Snmp.getNext("public", 1, "1.3.6.1");
        assertThrows(IllegalArgumentException.class, () -> Snmp.response(request, request.length), "a request is no response");
    }

    @Test
    void anAgentAddressIsAHostAndAPort() {
        assertEquals(new InetSocketAddress("127.0.0.1", 161), SnmpWalker.address("127.0.0.1"));
        assertEquals(new InetSocketAddress("127.0.0.1", 16161), SnmpWalker.address(" 127.0.0.1:16161 "));
        assertEquals(new InetSocketAddress("::1", 1161), SnmpWalker.address("[::1]:1161"));
        assertThrows(IllegalArgumentException.class, () -> SnmpWalker.address("127.0.0.1:0"));
        assertThrows(IllegalArgumentException.class, () -> SnmpWalker.address("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> SnmpWalker.address("[::1"));
        assertThrows(IllegalArgumentException.class, () -> SnmpWalker.address(":161"));
    }

    @Test
    void aWalkReadsTheSubtreeAndStopsAtItsEnd() throws Exception {
        String root = MibCheck.EVB_SYS;
        List<String> oids = List.of(root + ".1.0", root + ".7.0", root + ".11.0", "1.3.111.2.802.1.1.24.1.2.1.1.1");
        try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> answer(agent, oids, 1));
            t.setDaemon(true);
            t.start();
            SnmpWalker.Walk w = SnmpWalker.walk(new InetSocketAddress(InetAddress.getLoopbackAddress(), agent.getLocalPort()),
                    "public", root);
            assertEquals(null, w.error());
            assertEquals(List.of(root + ".1.0", root + ".7.0", root + ".11.0"), w.bindings().stream().map(Snmp.Binding::oid).toList());
            assertEquals(5, w.requests(), "one lost request sent again, then four answered");
        }
    }

    @Test
    void aSilentAgentEndsTheWalkAfterItsTries() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            SnmpWalker.Walk w = SnmpWalker.walk(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                    "public", MibCheck.EVB_SYS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(w.error().startsWith("no answer from"), w.error());
            assertEquals(SnmpWalker.TRIES, w.requests());
            assertTrue(ms < (SnmpWalker.TRIES + 1) * SnmpWalker.TIMEOUT_MILLIS, ms + " ms");
        }
    }

    /** A test agent: answers GetNext over {@code oids} (sorted), each value its index; drops the first {@code drop} requests. */
    private static void answer(DatagramSocket s, List<String> oids, int drop) {
        byte[] in = new byte[2048];
        try {
            for (int served = 0; served < 20; served++) {
                DatagramPacket p = new DatagramPacket(in, in.length);
                s.receive(p);
                if (drop-- > 0) {
                    continue;
                }
                byte[] req = Arrays.copyOf(p.getData(), p.getLength());
                // the request's OID and ID, read back with the response reader after retagging the PDU
                byte[] asResponse = req.clone();
                int pduAt = 2 + 3 + 2 + (req[6] & 0xFF);
                asResponse[pduAt] = (byte) Snmp.RESPONSE;
                Snmp.Response r = Snmp.response(asResponse, asResponse.length);
                String asked = r.bindings().get(0).oid();
                byte[] value = new byte[] {(byte) 0x82, 0};
                String name = asked;
                for (int i = 0; i < oids.size(); i++) {
                    if (compare(oids.get(i), asked) > 0) {
                        name = oids.get(i);
                        value = Snmp.integer(i);
                        break;
                    }
                }
                byte[] out = response(r.requestId(), 0, binding(name, value));
                s.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            }
        } catch (Exception e) {
            // the socket closed with the test
        }
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    static byte[] binding(String oid, byte[] value) {
        byte[] name = Snmp.tlv(0x06, Snmp.oid(oid));
        byte[] both = new byte[name.length + value.length];
        System.arraycopy(name, 0, both, 0, name.length);
        System.arraycopy(value, 0, both, name.length, value.length);
        return Snmp.tlv(0x30, both);
    }

    static byte[] response(int id, int status, byte[]... bindings) {
        java.io.ByteArrayOutputStream list = new java.io.ByteArrayOutputStream();
        for (byte[] b : bindings) {
            list.writeBytes(b);
        }
        java.io.ByteArrayOutputStream pdu = new java.io.ByteArrayOutputStream();
        pdu.writeBytes(Snmp.integer(id));
        pdu.writeBytes(Snmp.integer(status));
        pdu.writeBytes(Snmp.integer(0));
        pdu.writeBytes(Snmp.tlv(0x30, list.toByteArray()));
        java.io.ByteArrayOutputStream msg = new java.io.ByteArrayOutputStream();
        msg.writeBytes(Snmp.integer(Snmp.VERSION_2C));
        msg.writeBytes(Snmp.tlv(0x04, "public".getBytes()));
        msg.writeBytes(Snmp.tlv(Snmp.RESPONSE, pdu.toByteArray()));
        return Snmp.tlv(0x30, msg.toByteArray());
    }
}
