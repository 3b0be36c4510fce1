package org.openevb.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openevb.bridge.internal.BridgeHarness.props;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeSettingsTest {

    private static BridgeSettings settings(Object... keyValues) {
        Map<String, Object> p = props(keyValues);
        p.putIfAbsent("name", "br0");
        p.putIfAbsent("ports", "p1, p2");
        return BridgeSettings.from(BridgeHarness.config(p), p);
    }

    @Test
    void numbersGivenAsNumbersOrTextAreRead() {
        assertEquals(List.of(), settings("aging.seconds", 60, "fdb.max.entries", "0x100").errors());
        assertEquals(256, settings("fdb.max.entries", "0x100").fdbMaxEntries());
        assertEquals(BridgeSettings.DEFAULT_AGING_SECONDS, settings().agingSeconds());
        assertEquals(List.of(), settings("port.p1.reflective.relay", "negotiated", "port.p2.reflective.relay", "off").errors());
    }

    @Test
    void aBadValueOfEachKindIsNamedWithItsKeyAndWhatTheKeyTakes() {
        assertEquals(List.of("aging.seconds: '5' is not a whole number in 10..1000000"),
                settings("aging.seconds", "5").errors());
        assertEquals(List.of("fdb.max.entries: 'many' is not a whole number in 16..1048576"),
                settings("fdb.max.entries", "many").errors());
        assertEquals(List.of("port.p1.pvid: 'ten' is not a whole number in 1..4094"),
                settings("port.p1.pvid", "ten").errors());
        assertEquals(List.of("port.p1.reflective.relay: 'maybe' is not true, false or negotiated"),
                settings("port.p1.reflective.relay", "maybe").errors());
        assertEquals(List.of("uplink: 'x' is not one of the ports"), settings("uplink", "x").errors());
        assertEquals(List.of("static.fdb: '02:00:00:00:00:01 p1 x': 'x' is not a VID in 1..4094"),
                settings("static.fdb", "02:00:00:00:00:01 p1 x").errors());
    }
}
