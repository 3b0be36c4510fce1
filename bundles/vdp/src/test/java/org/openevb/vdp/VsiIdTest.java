package org.openevb.vdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openevb.codec.Vectors;

class VsiIdTest {

    @Test
    void everyFormatWellFormedAndNamed() {
        UUID u = UUID.fromString("a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90");
        assertEquals("uuid:" + u, VsiId.uuid(u).toString());
        assertEquals("mac:02:00:00:00:0a:01", VsiId.mac(0x020000000a01L).toString());
        assertEquals("ipv4:192.0.2.7", VsiId.ipv4(new byte[] {(byte) 192, 0, 2, 7}).toString());
        assertEquals("ipv6:20010db8000000000000000000000001",
                VsiId.ipv6(Vectors.hex("20010db8000000000000000000000001")).toString());
        assertEquals("local:000102030405060708090a0b0c0d0e0f",
                VsiId.local(Vectors.hex("000102030405060708090a0b0c0d0e0f")).toString());
        for (VsiId id : new VsiId[] {VsiId.uuid(u), VsiId.mac(1), VsiId.ipv4(new byte[4]), VsiId.ipv6(new byte[16]),
                VsiId.local(new byte[16])}) {
            assertNull(id.problem(), id.toString());
        }
    }

    @Test
    void malformedOnesSayWhy() {
        byte[] v = new byte[16];
        v[0] = 1;
        assertNotNull(new VsiId(3, v).problem()); // MAC not right-aligned
        assertNotNull(new VsiId(1, v).problem()); // IPv4 not mapped
        assertNotNull(new VsiId(9, new byte[16]).problem());
        assertNotNull(new VsiId(0, new byte[16]).problem());
        assertEquals(VsiId.mac(7), new VsiId(3, VsiId.mac(7).value()));
    }
}
