package org.openevb.port.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.openevb.api.config.CheckedSettings;

/**
 * A port's configuration, validated. Invalid keys are collected, each with the key and the
 * reason, so an operator sees everything wrong at once.
 */
record PortSettings(
        String name,
        String interfaceName,
        String driver,
        boolean enabled,
        boolean promiscuous,
        int maxFrameSize,
        int bufferSize,
        int readTimeoutMs,
        int retryIntervalMs,
        boolean padShortFrames,
        List<String> errors) implements CheckedSettings {

    static final int DEFAULT_MAX_FRAME_SIZE = 9216;
    static final int DEFAULT_BUFFER_SIZE = 4 * 1024 * 1024;
    static final int DEFAULT_READ_TIMEOUT_MS = 100;
    static final int DEFAULT_RETRY_INTERVAL_MS = 1000;

    /** Linux interface names: 1..15 characters, no '/', no white space, not "." or "..". */
    private static final Pattern INTERFACE_NAME = Pattern.compile("[^/\\s:]{1,15}");
    private static final Pattern PORT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    static PortSettings from(PortConfig config) {
        List<String> errors = new ArrayList<>();
        String ifname = trim(config.interface$());
        if (ifname.isEmpty()) {
            errors.add("interface: missing");
        } else if (!INTERFACE_NAME.matcher(ifname).matches() || ifname.equals(".") || ifname.equals("..")) {
            errors.add("interface: '" + ifname + "' is not a valid interface name");
        }
        String name = trim(config.name());
        if (name.isEmpty()) {
            name = ifname;
        } else if (!PORT_NAME.matcher(name).matches()) {
            errors.add("name: '" + name + "' must be 1..64 of letters, digits, '.', '_', ':', '-'");
        }
        String driver = trim(config.driver());
        if (driver.isEmpty()) {
            errors.add("driver: missing");
        }
        int maxFrame = checkRange(errors, "max.frame.size", config::max_frame_size, 64, 65535, DEFAULT_MAX_FRAME_SIZE);
        int buffer = checkRange(errors, "buffer.size", config::buffer_size, 65536, 1 << 30, DEFAULT_BUFFER_SIZE);
        int readTimeout = checkRange(errors, "read.timeout.ms", config::read_timeout_ms, 1, 1000, DEFAULT_READ_TIMEOUT_MS);
        int retry = checkRange(errors, "retry.interval.ms", config::retry_interval_ms, 100, 60000,
                DEFAULT_RETRY_INTERVAL_MS);
        boolean enabled = flag(errors, "enabled", config::enabled, true);
        boolean promiscuous = flag(errors, "promiscuous", config::promiscuous, true);
        boolean pad = flag(errors, "pad.short.frames", config::pad_short_frames, true);
        return new PortSettings(name, ifname, driver, enabled, promiscuous, maxFrame, buffer, readTimeout, retry, pad,
                List.copyOf(errors));
    }

    /** Whether changing from {@code other} to this needs the interface to be reopened. */
    boolean needsReopen(PortSettings other) {
        return !Objects.equals(interfaceName, other.interfaceName)
                || !Objects.equals(driver, other.driver)
                || promiscuous != other.promiscuous
                || maxFrameSize != other.maxFrameSize
                || bufferSize != other.bufferSize
                || readTimeoutMs != other.readTimeoutMs;
    }

    /** Reads an integer key; a value that is not a number (DS cannot convert it) is reported, not thrown. */
    private static int checkRange(List<String> errors, String key, IntSupplier read, int min, int max, int fallback) {
        int value;
        try {
            value = read.getAsInt();
        } catch (RuntimeException e) {
            errors.add(key + ": not a whole number");
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(key + ": " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    private static boolean flag(List<String> errors, String key, BooleanSupplier read, boolean fallback) {
        try {
            return read.getAsBoolean();
        } catch (RuntimeException e) {
            errors.add(key + ": not true or false");
            return fallback;
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
