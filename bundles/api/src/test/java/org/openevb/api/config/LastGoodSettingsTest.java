package org.openevb.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LastGoodSettingsTest {

    private record Settings(String name, List<String> errors) implements CheckedSettings {
    }

    private static final Map<String, Object> FILE = Map.of(ConfigFiles.FILE_PROPERTY, "file:/opt/evb/etc/org.openevb.lldp-a.cfg");
    private static final Settings GOOD = new Settings("good", List.of());
    private static final Settings HALF_WRITTEN = new Settings("half", List.of("ports: missing"));

    private final List<String> log = new ArrayList<>();

    @Test
    void anInvalidFileDoesNotReplaceWorkingSettingsAndSaysWhichFileAndWhy() {
        LastGoodSettings<Settings> s = new LastGoodSettings<>(GOOD, FILE, log::add);
        assertEquals("", s.problem());

        assertFalse(s.offer(HALF_WRITTEN, FILE));
        assertSame(GOOD, s.current(), "the last good settings stay");
        assertEquals("file /opt/evb/etc/org.openevb.lldp-a.cfg is invalid (ports: missing): running the last good configuration",
                s.problem());
        assertEquals(List.of(s.problem()), log, "reported once, as it arises");

        Settings fixed = new Settings("fixed", List.of());
        assertTrue(s.offer(fixed, FILE));
        assertSame(fixed, s.current());
        assertEquals("", s.problem(), "a good file clears the problem");
    }

    @Test
    void withNothingWorkingAnInvalidConfigurationIsTakenAndNamed() {
        LastGoodSettings<Settings> s = new LastGoodSettings<>(HALF_WRITTEN, Map.of("service.pid", "org.openevb.lldp~a"),
                log::add);
        assertEquals(List.of("configuration org.openevb.lldp~a is invalid: ports: missing"), log);

        Settings worse = new Settings("worse", List.of("ports: missing", "tx.hold: '0' is not in 1..100"));
        assertTrue(s.offer(worse, FILE), "nothing runs, so there is nothing to keep");
        assertSame(worse, s.current());
        assertEquals("file /opt/evb/etc/org.openevb.lldp-a.cfg is invalid: ports: missing; tx.hold: '0' is not in 1..100",
                s.problem());
    }

    @Test
    void theComponentSaysWhetherItWorks() {
        LastGoodSettings<Settings> s = new LastGoodSettings<>(GOOD, FILE);
        assertTrue(s.offer(HALF_WRITTEN, false, FILE), "a component in error has nothing to keep");
        assertSame(HALF_WRITTEN, s.current());
    }
}
