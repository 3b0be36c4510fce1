package org.openevb.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reader of keys: a bad value is an error in one wording, never an exception or a silent default. */
class ConfigSyntaxTest {

    private final List<String> errors = new ArrayList<>();

    @Test
    void goodValuesAreReadWithoutAWord() {
        assertEquals(30, ConfigSyntax.number("tx.interval", " 30 ", 1, 3600, errors));
        assertEquals(0x100, ConfigSyntax.number("fdb.max.entries", "0x100", 16, 1 << 20, errors));
        assertTrue(ConfigSyntax.bool("enabled", "Yes", errors));
        assertFalse(ConfigSyntax.bool("enabled", "off", errors));
        assertEquals("bridge", ConfigSyntax.choice("role", "Bridge", List.of("station", "bridge"), errors));
        assertEquals("br0", ConfigSyntax.name("name", " br0 ", errors));
        assertEquals(List.of(), errors);
    }

    @Test
    void aBadValueOfEachKindIsOneErrorInTheSameWording() {
        ConfigSyntax.number("tx.hold", "0", 1, 100, errors);
        ConfigSyntax.number("tx.hold", "four", 1, 100, errors);
        ConfigSyntax.bool("cdcp", "maybe", errors);
        ConfigSyntax.choice("role", "switch", List.of("station", "bridge"), errors);
        ConfigSyntax.name("name", "a b", errors);
        ConfigSyntax.name("name", " ", errors);
        assertEquals(List.of(
                "tx.hold: '0' is not a whole number in 1..100",
                "tx.hold: 'four' is not a whole number in 1..100",
                "cdcp: 'maybe' is not true or false",
                "role: 'switch' is not one of station, bridge",
                "name: 'a b' is not a name (1..64 of letters, digits, '.', '_', ':', '-', starting with a letter or digit)",
                "name: missing"), errors);
    }

    @Test
    void quantitiesTakeDecimalSuffixes() {
        List<String> errors = new ArrayList<>();
        assertEquals(100_000_000L, ConfigSyntax.quantity("r", "100M", 1, Long.MAX_VALUE, errors));
        assertEquals(64_000L, ConfigSyntax.quantity("r", " 64k ", 1, Long.MAX_VALUE, errors));
        assertEquals(64_000L, ConfigSyntax.quantity("r", "64K", 1, Long.MAX_VALUE, errors));
        assertEquals(2_000_000_000L, ConfigSyntax.quantity("r", "2G", 1, Long.MAX_VALUE, errors));
        assertEquals(1500L, ConfigSyntax.quantity("r", "1500", 1, Long.MAX_VALUE, errors));
        assertEquals(List.of(), errors);
        ConfigSyntax.quantity("r", "10m", 1, Long.MAX_VALUE, errors);
        ConfigSyntax.quantity("r", "99999999999G", 1, Long.MAX_VALUE, errors);
        ConfigSyntax.quantity("r", "5", 10, 20, errors);
        ConfigSyntax.quantity("r", "", 10, 20, errors);
        assertEquals(List.of("r: '10m' is not a number (with k, M or G) in 1.." + Long.MAX_VALUE,
                "r: '99999999999G' is not a number (with k, M or G) in 1.." + Long.MAX_VALUE,
                "r: '5' is not a number (with k, M or G) in 10..20",
                "r: '' is not a number (with k, M or G) in 10..20"), errors);
    }
}
