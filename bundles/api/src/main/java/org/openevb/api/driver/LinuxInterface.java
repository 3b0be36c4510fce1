package org.openevb.api.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux network interface as the kernel shows it in /sys/class/net: whether it exists, its
 * index, MTU and MAC address, its carrier, and whether it is still the one a driver opened.
 */
public final class LinuxInterface {
    private final String name;
    private final Path dir;

    public LinuxInterface(String name) {
        this.name = name;
        this.dir = Path.of("/sys/class/net", name);
    }

    /** Whether the interface exists now. */
    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** The interface index, or -1 if the interface does not exist. */
    public int ifindex() {
        return readInt("ifindex");
    }

    /** The MTU, or -1 if unknown. */
    public int mtu() {
        return readInt("mtu");
    }

    /** The MAC address as a long, or -1 if unknown. */
    public long mac() {
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

    /**
     * Whether the link has its carrier, as /sys/class/net/IF/carrier says: false when it reads 0,
     * and when it cannot be read (the kernel refuses while the interface is administratively down,
     * or the interface is gone).
     */
    public boolean carrier() {
        return "1".equals(read("carrier"));
    }

    /**
     * Why the interface opened with index {@code openedIfindex} is no longer usable (deleted, or
     * deleted and created again under the same name), or null if it still is.
     */
    public String gone(int openedIfindex) {
        int now = ifindex();
        if (now < 0) {
            return "interface '" + name + "' disappeared";
        }
        if (now != openedIfindex) {
            return "interface '" + name + "' was replaced (ifindex " + openedIfindex + " -> " + now + ")";
        }
        return null;
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
