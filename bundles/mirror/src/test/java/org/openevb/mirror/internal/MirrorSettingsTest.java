package org.openevb.mirror.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.codec.Frame;
import org.openevb.port.internal.PortConfigs;

class MirrorSettingsTest {

    static MirrorSettings settings(String... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i].replace('.', '_'), keyValues[i + 1]);
        }
        return MirrorSettings.from(PortConfigs.of(MirrorConfig.class, m));
    }

    @Test
    void sourcesByNameOrPatternNeverTheDestination() {
        MirrorSettings s = settings("name", "span1", "ingress", "vm*, up", "egress", "vm1", "destination", "mon0");
        assertEquals(List.of(), s.errors());
        assertTrue(s.copiesIngress("vm7"));
        assertTrue(s.copiesIngress("up"));
        assertFalse(s.copiesIngress("upstream"));
        assertTrue(s.copiesEgress("vm1"));
        assertFalse(s.copiesEgress("vm2"));
        assertFalse(settings("name", "m", "ingress", "*", "destination", "mon0").copiesIngress("mon0"), "never its own copies");
        assertEquals(1024, s.queueFrames());
        assertEquals(9216, s.maxFrameSize());
        assertTrue(s.copiesVid(0) && s.copiesVid(4094), "no vlans: every frame");
    }

    @Test
    void vlansAreVidsOfTheOutermostTag() {
        MirrorSettings s = settings("name", "m", "ingress", "a", "destination", "b", "vlans", "0, 10, 20-29");
        assertEquals(List.of(), s.errors());
        assertTrue(s.copiesVid(0) && s.copiesVid(10) && s.copiesVid(25));
        assertFalse(s.copiesVid(11) || s.copiesVid(30));
        HexFormat hex = HexFormat.of();
        byte[] untagged = hex.parseHex("ffffffffffff020000000001080045000000");
        byte[] cTagged = hex.parseHex("ffffffffffff0200000000018100a00a0800");
        byte[] sOverC = hex.parseHex("ffffffffffff02000000000188a8001481000064");
        assertEquals(0, MirrorSettings.outerVid(frame(untagged, untagged.length)));
        assertEquals(10, MirrorSettings.outerVid(frame(cTagged, cTagged.length)));
        assertEquals(20, MirrorSettings.outerVid(frame(sOverC, sOverC.length)));
        assertEquals(0, MirrorSettings.outerVid(frame(cTagged, 16)), "too short to carry a tag");
        assertEquals(0, MirrorSettings.outerVid(frame(cTagged, 10)), "too short to carry addresses");
    }

    private static Frame frame(byte[] bytes, int length) {
        Frame f = new Frame(64);
        f.copyFrom(bytes, 0, length);
        return f;
    }

    @Test
    void everyBadKeyIsNamed() {
        MirrorSettings s = settings("name", "bad name", "vlans", "5000, x", "destination", "", "queue.frames", "8",
                "max.frame.size", "big");
        assertEquals(List.of(
                "name: 'bad name' is not a name (1..64 of letters, digits, '.', '_', ':', '-', starting with a letter or digit)",
                "ingress, egress: both empty (name the ports to copy)",
                "vlans: '5000' is not in 0..4094 (0x0..0xffe)",
                "vlans: 'x' is not a number or a range LOW-HIGH",
                "destination: missing",
                "queue.frames: '8' is not a whole number in 16..65536",
                "max.frame.size: 'big' is not a whole number in 64..65535"), s.errors());
        assertEquals(List.of("destination: 'mon0' is also a source (a mirror of its own copies)"),
                settings("name", "m", "ingress", "vm1, mon0", "destination", "mon0").errors());
    }

    @Test
    void theShippedExampleIsValid() throws Exception {
        java.util.Properties shipped = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("../../config/etc/org.openevb.mirror-span1.cfg"))) {
            shipped.load(in);
        }
        List<String> kv = new java.util.ArrayList<>();
        shipped.forEach((k, v) -> {
            kv.add((String) k);
            kv.add((String) v);
        });
        MirrorSettings s = settings(kv.toArray(new String[0]));
        assertEquals(List.of(), s.errors());
        assertEquals("mon0", s.destination());
        assertTrue(s.copiesIngress("vm1") && s.copiesEgress("uplink"));
    }
}
