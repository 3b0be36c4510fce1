package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.FdbCounter;
import org.openevb.api.evb.EvbCounter;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.lldp.LldpAgentCounter;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.PortCounter;
import org.openevb.api.schannel.SChannelDropReason;
import org.openevb.api.view.Counter;
import org.openevb.api.view.Counters;

/**
 * Every counter set of the platform, found as an exporter would find it (every enum of the API
 * bundle that implements {@link Counter}), walked through {@link Counters} and printed as JSON.
 */
class CounterSetsTest {

    /** The counter enums of the API bundle, found by reading its classes. */
    static List<Class<?>> counterEnums() throws IOException, URISyntaxException {
        Path location = Path.of(Counter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        if (Files.isDirectory(location)) {
            collect(location, found);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                collect(jar.getPath("/"), found);
            }
        }
        return found;
    }

    private static void collect(Path root, List<Class<?>> found) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("org.openevb.api.") || name.endsWith("package-info")) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName(name, false, Counter.class.getClassLoader());
                    if (c.isEnum() && Counter.class.isAssignableFrom(c)) {
                        found.add(c);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
            }
        }
    }

    @Test
    void everyCounterSetOfThePlatformIsFound() throws Exception {
        Set<Class<?>> expected = Set.of(DropReason.class, PortCounter.class, BridgeDropReason.class, FdbCounter.class,
                ExtensionDropReason.class, LldpAgentCounter.class, SChannelDropReason.class, EvbCounter.class);
        Set<Class<?>> found = new HashSet<>(counterEnums());
        assertTrue(found.containsAll(expected), "found " + found);
    }

    @Test
    void everyCounterHasALabelAndPrintsUnderIt() throws Exception {
        for (Class<?> c : counterEnums()) {
            walk(c.asSubclass(Enum.class));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void walk(Class<? extends Enum> type) {
        Counters<?> counters = Counters.of((Class) type, (java.util.function.ToLongFunction) key -> ((Enum<?>) key).ordinal() + 1L);
        Set<String> keys = new HashSet<>();
        long total = 0;
        for (Object o : counters.keys()) {
            Counter counter = (Counter) o;
            String key = counter.key();
            assertTrue(key.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), type.getSimpleName() + ": key '" + key + "'");
            assertTrue(keys.add(key), type.getSimpleName() + ": key '" + key + "' twice");
            assertFalse(counter.description().isBlank(), type.getSimpleName() + "." + o + " has no description");
            total += ((Enum<?>) o).ordinal() + 1L;
        }
        assertEquals(type.getEnumConstants().length, keys.size(), type.getSimpleName());
        assertEquals(total, counters.total(), type.getSimpleName());

        JsonObject json = JsonParser.parseString(Json.toJson(counters)).getAsJsonObject();
        assertEquals(keys, json.keySet(), type.getSimpleName() + ": every counter printed, under its key");
        for (Object o : counters.keys()) {
            assertEquals(((Enum<?>) o).ordinal() + 1L, json.get(((Counter) o).key()).getAsLong());
        }
    }

    @Test
    void aSetPrintsEveryCounterZeroIncludedInDeclarationOrder() {
        Counters<DropReason> drops = Counters.of(DropReason.class, Map.of(DropReason.RX_UNATTACHED, 3L));
        assertEquals("{\n  \"tx-oversize\": 0,\n  \"tx-port-down\": 0,\n  \"tx-error\": 0,\n  \"tx-carrier-refused\": 0,\n  \"tx-queue-full\": 0,\n"
                + "  \"rx-oversize\": 0,\n  \"rx-unattached\": 3,\n  \"rx-handler-error\": 0,\n  \"rx-policed\": 0\n}", Json.toJson(drops));
    }
}
