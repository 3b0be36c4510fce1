package org.openevb.cb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CbSettingsTest {

    private static CbSettings settings(Object... keyValues) {
        return CbSettings.from(ExtensionLab.cbConfig(keyValues));
    }

    @Test
    void theShippedValuesAreValid() {
        assertEquals(List.of(), settings("name", "cb1", "cascades", "cb1-cascade0: etag", "extended.ports",
                "cb1-cascade0: 1-2", "groups", "cb1-cascade0/0x1001: 1-2").errors());
    }

    @Test
    void aBadValueOfEachKindIsNamedWithItsKeyAndWhatTheKeyTakes() {
        assertEquals(List.of("cascades: 'c0: qinq' is not PORT: FORMAT with FORMAT one of etag, vntag",
                "cascades: no cascade port listed"), settings("name", "cb1", "cascades", "c0: qinq").errors());
        assertEquals(List.of("name: missing"), settings("cascades", "c0: etag").errors());
        assertEquals(List.of("extended.ports: 'c0': '0x1000' is not in 1..4095 (0x1..0xfff)"),
                settings("name", "cb1", "cascades", "c0: etag", "extended.ports", "c0: 0x1000").errors());
    }
}
