package org.openevb.port.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.driver.CpuSet;

class PortSettingsTest {

    private static PortSettings settings(Object... keyValues) {
        Map<String, Object> m = new HashMap<>(Map.of("interface$", "eth1"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(((String) keyValues[i]).replace('.', '_'), keyValues[i + 1]);
        }
        return PortSettings.from(PortConfigs.of(m));
    }

    @Test
    void theShippedValuesAndTheDefaultsAreValid() {
        PortSettings s = settings("name", "uplink", "driver", "packet", "enabled", "true", "promiscuous", "true",
                "max.frame.size", "9216", "buffer.size", "4194304", "read.timeout.ms", "100", "retry.interval.ms", "1000",
                "pad.short.frames", "true");
        assertEquals(List.of(), s.errors());
        assertEquals(9216, s.maxFrameSize());
        assertTrue(settings().valid());
        assertEquals(PortSettings.DEFAULT_BUFFER_SIZE, settings().bufferSize());
    }

    @Test
    void aBadValueOfEachKindIsNamedWithItsKeyAndWhatTheKeyTakes() {
        PortSettings s = settings("enabled", "maybe", "name", "bad name!", "max.frame.size", "10",
                "read.timeout.ms", "fast");
        assertEquals(List.of(
                "name: 'bad name!' is not a name (1..64 of letters, digits, '.', '_', ':', '-', starting with a letter"
                        + " or digit)",
                "max.frame.size: '10' is not a whole number in 64..65535",
                "read.timeout.ms: 'fast' is not a whole number in 1..1000",
                "enabled: 'maybe' is not true or false"), s.errors(), "every bad key at once; 'maybe' is not read as false");
    }

    @Test
    void receiveCpusAreAListOfCpusAndAChangeReopensThePort() {
        PortSettings pinned = settings("rx.cpus", "1");
        assertEquals(List.of(), pinned.errors());
        assertEquals(CpuSet.of(1), pinned.rxCpus());
        assertTrue(settings().rxCpus().isEmpty(), "no key: not pinned");
        assertTrue(pinned.needsReopen(settings()));
        assertTrue(settings("rx.cpus", "0-1").needsReopen(pinned));
        assertFalse(settings("rx.cpus", " 1 ").needsReopen(pinned));
        assertEquals(List.of("rx.cpus: 'one' is not a list of CPUs (e.g. 1 or 0,2-3): 'one' is not a CPU number or a range LOW-HIGH"),
                settings("rx.cpus", "one").errors());
    }

    @Test
    void theXdpModeIsGenericOrNativeAndAChangeReopensThePort() {
        assertFalse(settings().xdpNative(), "generic by default");
        assertFalse(settings("xdp.mode", "generic").xdpNative());
        PortSettings nativeXdp = settings("xdp.mode", " Native ");
        assertEquals(List.of(), nativeXdp.errors());
        assertTrue(nativeXdp.xdpNative());
        assertTrue(nativeXdp.needsReopen(settings()));
        assertEquals(List.of("xdp.mode: 'fast' is not one of generic, native"), settings("xdp.mode", "fast").errors());
    }

    @Test
    void policingKeysTakeDecimalSuffixesAndDefaultTheirBursts() {
        PortSettings s = settings("police.rate", "100M");
        assertEquals(List.of(), s.errors());
        assertEquals("100000000 bit/s burst 1250000 B", s.policer().toString(), "100 ms at the rate");
        assertEquals("1000 frames/s burst 100", settings("police.pps", "1k").policer().toString());
        assertEquals("64000 bit/s burst 3000 B, 500 frames/s burst 50",
                settings("police.rate", "64k", "police.pps", "500").policer().toString());
        assertEquals("1000000000 bit/s burst 64000 B",
                settings("police.rate", "1G", "police.burst", "64k").policer().toString());
        assertEquals(null, settings().policer(), "no keys: no policer");
        assertEquals(List.of("police.rate: 'fast' is not a number (with k, M or G) in 1000..400000000000",
                "police.burst: '10' is not a number (with k, M or G) in 64..1000000000"),
                settings("police.rate", "fast", "police.burst", "10").errors());
        assertEquals(List.of("police.burst, police.burst.frames: set without police.rate or police.pps"),
                settings("police.burst", "64k").errors());
    }

    @Test
    void shapingKeysNameClassesByPcpWithTheirGuarantees() {
        PortSettings s = settings("shape.rate", "100M", "shape.classes", "voice: 5-7 30M, bulk: 0 1-2 10M");
        assertEquals(List.of(), s.errors());
        assertEquals(100_000_000L, s.shaping().bitsPerSecond());
        assertEquals(List.of(new org.openevb.port.virtual.Shaper.TrafficClass("voice", 0xE0, 30_000_000L),
                new org.openevb.port.virtual.Shaper.TrafficClass("bulk", 0x07, 10_000_000L)), s.shaping().classes());
        assertEquals(256, s.shaping().queueFrames());
        assertEquals(null, settings().shaping());
        assertEquals(List.of(), settings("shape.rate", "1G").errors(), "a rate alone: one class");
        assertEquals(List.of("shape.classes: the guarantees add up to 120000000 bit/s, above shape.rate 100000000"),
                settings("shape.rate", "100M", "shape.classes", "a: 0 60M, b: 1 60M").errors());
        assertEquals(List.of("shape.classes: b: a PCP of another class"),
                settings("shape.rate", "100M", "shape.classes", "a: 0-3 10M, b: 3 10M").errors());
        assertEquals(List.of("shape.classes: a: PCP '9' is not in 0..7 (0x0..0x7)"),
                settings("shape.rate", "100M", "shape.classes", "a: 9 10M").errors());
        assertEquals(List.of("shape.classes: 'a: 10M' is not 'NAME: PCPS RATE' (e.g. 'voice: 5-7 30M')"),
                settings("shape.rate", "100M", "shape.classes", "a: 10M").errors());
        assertEquals(List.of("shape.classes: set without shape.rate"), settings("shape.classes", "a: 0 1M").errors());
    }

    @Test
    void guardKeysAreCheckedAndNoGuardMeansNone() {
        PortSettings s = settings("guard.arp", "true", "guard.dhcp", "yes", "guard.source.macs", "02:00:00:00:00:01",
                "guard.bindings", "02:00:00:00:00:01 10.0.0.1, 02:00:00:00:00:01 fd00::1");
        assertEquals(List.of(), s.errors());
        assertTrue(s.guard() != null);
        assertEquals(null, settings().guard());
        assertEquals(List.of("guard.bindings: 'x 10.0.0.1' is not 'MAC IP' (an IPv4 or IPv6 address)",
                "guard.bindings: '02:00:00:00:00:01 example.org' is not 'MAC IP' (an IPv4 or IPv6 address)"),
                settings("guard.arp", "true", "guard.bindings", "x 10.0.0.1, 02:00:00:00:00:01 example.org").errors(),
                "a name is never looked up");
        assertEquals(List.of("guard.bindings: set without guard.arp or guard.nd"),
                settings("guard.bindings", "02:00:00:00:00:01 10.0.0.1").errors());
        assertEquals(List.of("guard.source.macs: 'nope' is not a MAC address", "guard.nd: 'maybe' is not true or false"),
                settings("guard.source.macs", "nope", "guard.nd", "maybe").errors());
    }
}
