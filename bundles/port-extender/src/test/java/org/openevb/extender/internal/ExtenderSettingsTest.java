package org.openevb.extender.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.extension.TagFormat;
import org.openevb.port.internal.PortConfigs;

class ExtenderSettingsTest {

    private static ExtenderSettings settings(String... keyValues) {
        Map<String, Object> m = new HashMap<>(Map.of("name", "pe1", "upstream", "pe1-uplink", "ports", "pe1-vm1: 1"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return ExtenderSettings.from(PortConfigs.of(ExtenderConfig.class, m));
    }

    @Test
    void theShippedValuesAreValid() {
        ExtenderSettings s = settings("format", "etag", "ports", "pe1-vm1: 1, pe1-vm2: 2", "cascades", "",
                "groups", "0x1001: pe1-vm1 pe1-vm2");
        assertEquals(List.of(), s.errors());
        assertEquals(TagFormat.ETAG, s.format());
        assertEquals(TagFormat.VNTAG, settings("format", "VNTag").format());
    }

    @Test
    void aBadValueOfEachKindIsNamedWithItsKeyAndWhatTheKeyTakes() {
        assertEquals(List.of("format: 'qinq' is not one of etag, vntag"), settings("format", "qinq").errors());
        assertEquals(List.of("name: 'pe 1' is not a name (1..64 of letters, digits, '.', '_', ':', '-', starting with"
                + " a letter or digit)"), settings("name", "pe 1").errors());
        assertEquals(List.of("ports: 'pe1-vm2': '5000' is not in 1..4095 (0x1..0xfff)"),
                settings("ports", "pe1-vm1: 1, pe1-vm2: 5000").errors());
    }
}
