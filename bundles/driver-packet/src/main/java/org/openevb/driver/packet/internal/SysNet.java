package org.openevb.driver.packet.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an interface's attributes from /sys/class/net, the kernel's own view. */
final class SysNet {
    private final Path dir;

    SysNet(String interfaceName) {
        this.dir = Path.of("/sys/class/net", interfaceName);
    }

    Path dir() {
        return dir;
    }

    /** The interface index, or -1 if the interface does not exist. */
    int ifindex() {
        return readInt("ifindex");
    }

    /** The MTU, or -1 if unknown. */
    int mtu() {
        return readInt("mtu");
    }

    /** The MAC address as a long, or -1 if unknown. */
    long mac() {
        String text = read("address");
        if (text == null) {
            return -1;
        }
        String hex = text.replace(":", "");
        if (hex.length() != 12) {
            return -1;
        }
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private int readInt(String attribute) {
        String text = read(attribute);
        if (text == null) {
            return -1;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String read(String attribute) {
        try {
            return Files.readString(dir.resolve(attribute), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
