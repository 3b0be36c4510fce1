package org.openevb.lldp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.port.internal.PortConfigs;

class LldpSettingsTest {

    private static LldpSettings settings(String... keyValues) {
        Map<String, Object> m = new HashMap<>(Map.of("ports", "uplink"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i].replace('.', '_'), keyValues[i + 1]);
        }
        return LldpSettings.from(PortConfigs.of(LldpConfig.class, m));
    }

    @Test
    void theShippedValuesAreValid() {
        assertEquals(List.of(), settings("addresses", "nearest-bridge", "admin.status", "rxtx", "tx.interval", "30",
                "tx.hold", "4", "tx.fast.interval", "1", "tx.fast.count", "4", "system.name", "", "max.neighbours", "8")
                .errors());
    }

    @Test
    void aBadValueOfEachKindIsNamedWithItsKeyAndWhatTheKeyTakes() {
        assertEquals(List.of("tx.hold: '0' is not a whole number in 1..100"), settings("tx.hold", "0").errors());
        assertEquals(List.of("tx.interval: 'often' is not a whole number in 1..3600"),
                settings("tx.interval", "often").errors());
        assertEquals(List.of("admin.status: 'off' is not one of rxtx, tx, rx, disabled"),
                settings("admin.status", "off").errors());
        assertEquals(List.of("addresses: 'nearest-switch' is not one of nearest-bridge, nearest-customer-bridge,"
                + " nearest-nontpmr-bridge"), settings("addresses", "nearest-bridge, nearest-switch").errors());
    }
}
