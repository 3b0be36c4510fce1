package org.openevb.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    private static final String BRIDGE = """
            # An edge relay: two VMs behind one uplink.
            name = er0
            mode = veb
            ports = up,vm1,\\
                    vm2
            uplink = up

            # the end
            """;

    private static Properties read(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void changesOneKeyAndKeepsEveryOtherLine() throws IOException {
        String after = ConfigFiles.withKey(BRIDGE, "mode", "vepa");
        assertEquals(BRIDGE.replace("mode = veb", "mode = vepa"), after);
    }

    @Test
    void appendsAKeyNoLineSets() throws IOException {
        String after = ConfigFiles.withKey(BRIDGE, "port.vm1.reflective.relay", "true");
        assertEquals(BRIDGE + "port.vm1.reflective.relay = true\n", after);
        assertEquals("true", read(after).getProperty("port.vm1.reflective.relay"));
        assertEquals("up,vm1,vm2", read(after).getProperty("ports"));
    }

    @Test
    void removesEveryLineOfAKeyAndKeepsTheRest() throws IOException {
        String after = ConfigFiles.withKey(BRIDGE + "mode: vepa\n", "ports", null);
        assertEquals(BRIDGE.replace("ports = up,vm1,\\\n        vm2\n", "") + "mode: vepa\n", after);
        assertEquals(after.replace("mode = veb\n", "").replace("mode: vepa\n", ""), ConfigFiles.withKey(after, "mode", null));
        assertEquals(after, ConfigFiles.withKey(after, "no.such.key", null));
    }

    @Test
    void replacesAContinuedValueWhole() throws IOException {
        String after = ConfigFiles.withKey(BRIDGE, "ports", "up,vm1");
        Properties p = read(after);
        assertEquals("up,vm1", p.getProperty("ports"));
        assertEquals("up", p.getProperty("uplink"));
        assertEquals(4, p.size(), "no stray key from the old continuation line: " + p);
    }

    @Test
    void changesTheLineAReaderKeepsWhenAKeyIsSetTwice() throws IOException {
        String after = ConfigFiles.withKey("mode = veb\nmode: vepa\n", "mode", "auto");
        assertEquals("mode = veb\nmode = auto\n", after);
        assertEquals("auto", read(after).getProperty("mode"));
    }

    @Test
    void escapesWhatAReaderWouldMisread() throws IOException {
        String after = ConfigFiles.withKey("", "a key", " x=y\\z");
        assertEquals(" x=y\\z", read(after).getProperty("a key"));
    }

    @Test
    void aFileWithoutFinalNewlineOrEmpty() throws IOException {
        assertEquals("name = er0\nmode = vepa\n", ConfigFiles.withKey("name = er0", "mode", "vepa"));
        assertEquals("mode = vepa\n", ConfigFiles.withKey("", "mode", "vepa"));
    }

    @Test
    void keysOfLines() {
        assertEquals("mode", ConfigFiles.keyOf("  mode=veb"));
        assertEquals("mode", ConfigFiles.keyOf("mode:veb"));
        assertEquals("mode", ConfigFiles.keyOf("mode veb"));
        assertEquals("a b", ConfigFiles.keyOf("a\\ b = c"));
        assertNull(ConfigFiles.keyOf("  # mode = veb"));
        assertNull(ConfigFiles.keyOf("! mode = veb"));
        assertNull(ConfigFiles.keyOf("   "));
    }

    @Test
    void replacesTheFileAtomicallyKeepingItsPermissions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("org.openevb.bridge-er0.cfg");
        Files.writeString(file, BRIDGE, StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Object inodeBefore = Files.getAttribute(file, "unix:ino");
        ConfigFiles.set(file, "mode", "vepa");
        assertEquals("vepa", read(Files.readString(file, StandardCharsets.ISO_8859_1)).getProperty("mode"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // a new file was renamed over the old one: a reader had either the old or the new, never a truncated one
        assertEquals(false, inodeBefore.equals(Files.getAttribute(file, "unix:ino")));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void sourceNamesTheFileOrThePid() {
        assertEquals("file /opt/evb/etc/org.openevb.bridge-er0.cfg", ConfigFiles.source(
                Map.of(ConfigFiles.FILE_PROPERTY, "file:/opt/evb/etc/org.openevb.bridge-er0.cfg", "service.pid", "x")));
        assertEquals("configuration org.openevb.bridge~er0", ConfigFiles.source(Map.of("service.pid", "org.openevb.bridge~er0")));
        assertEquals("configuration (no PID)", ConfigFiles.source(Map.of()));
    }

    @Test
    void createWritesANewFileWithItsKeysInOrderAndNeverOverwrites(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("org.openevb.mirror-m1.cfg");
        java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("name", "m1");
        keys.put("ingress", "vm*, up");
        keys.put("vlans", "");
        ConfigFiles.create(f, "made by a command\nsecond line", keys);
        assertEquals("# made by a command\n# second line\nname = m1\ningress = vm*, up\nvlans = \n",
                Files.readString(f, StandardCharsets.ISO_8859_1));
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(f, StandardCharsets.ISO_8859_1)));
        assertEquals("vm*, up", p.getProperty("ingress"));
        org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> ConfigFiles.create(f, "", java.util.Map.of("name", "other")));
        assertEquals("m1", p.getProperty("name"), "unchanged");
    }
}
