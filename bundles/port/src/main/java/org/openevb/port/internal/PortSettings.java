package org.openevb.port.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.openevb.api.config.CheckedSettings;
import org.openevb.api.config.ConfigSyntax;
import org.openevb.api.driver.CpuSet;
import org.openevb.api.port.LaneFrameHandler;
import org.openevb.codec.MacAddress;
import org.openevb.port.virtual.Guard;
import org.openevb.api.policy.PoliceRates;
import org.openevb.port.virtual.Policer;
import org.openevb.port.virtual.Shaper;

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
        CpuSet rxCpus,
        int rxLanes,
        boolean xdpNative,
        Policer policer,
        Shaping shaping,
        Guard guard,
        int retryIntervalMs,
        boolean padShortFrames,
        List<String> errors) implements CheckedSettings {

    static final int DEFAULT_MAX_FRAME_SIZE = 9216;
    static final int DEFAULT_BUFFER_SIZE = 4 * 1024 * 1024;
    static final int DEFAULT_READ_TIMEOUT_MS = 100;
    static final int DEFAULT_RETRY_INTERVAL_MS = 1000;

    /** Linux interface names: 1..15 characters, no '/', no white space, not "." or "..". */
    private static final Pattern INTERFACE_NAME = Pattern.compile("[^/\\s:]{1,15}");

    static PortSettings from(PortConfig config) {
        List<String> errors = new ArrayList<>();
        String ifname = trim(config.interface$());
        if (ifname.isEmpty()) {
            errors.add("interface: missing");
        } else if (!INTERFACE_NAME.matcher(ifname).matches() || ifname.equals(".") || ifname.equals("..")) {
            errors.add(ConfigSyntax.problem("interface", ifname, "an interface name (1..15 characters, no '/', ':' or space)"));
        }
        String name = trim(config.name());
        if (name.isEmpty()) {
            name = ifname;
        } else {
            ConfigSyntax.name("name", name, errors);
        }
        String driver = trim(config.driver());
        if (driver.isEmpty()) {
            errors.add("driver: missing");
        }
        int maxFrame = ConfigSyntax.number("max.frame.size", config.max_frame_size(), 64, 65535, errors);
        int buffer = ConfigSyntax.number("buffer.size", config.buffer_size(), 65536, 1 << 30, errors);
        int readTimeout = ConfigSyntax.number("read.timeout.ms", config.read_timeout_ms(), 1, 1000, errors);
        CpuSet rxCpus = CpuSet.ANY;
        try {
            rxCpus = CpuSet.parse(config.rx_cpus());
        } catch (IllegalArgumentException e) {
            errors.add(ConfigSyntax.problem("rx.cpus", config.rx_cpus(), "a list of CPUs (e.g. 1 or 0,2-3): " + e.getMessage()));
        }
        int rxLanes = ConfigSyntax.number("rx.lanes", config.rx_lanes(), 1, LaneFrameHandler.MAX_LANES, errors);
        boolean xdpNative = ConfigSyntax.choice("xdp.mode", config.xdp_mode(), List.of("generic", "native"), errors)
                .equals("native");
        Policer policer = policer(config, errors);
        Shaping shaping = shaping(config, errors);
        Guard guard = guard(config, errors);
        int retry = ConfigSyntax.number("retry.interval.ms", config.retry_interval_ms(), 100, 60000, errors);
        boolean enabled = ConfigSyntax.bool("enabled", config.enabled(), errors);
        boolean promiscuous = ConfigSyntax.bool("promiscuous", config.promiscuous(), errors);
        boolean pad = ConfigSyntax.bool("pad.short.frames", config.pad_short_frames(), errors);
        return new PortSettings(name, ifname, driver, enabled, promiscuous, maxFrame, buffer, readTimeout, rxCpus, rxLanes, xdpNative, policer, shaping, guard, retry, pad,
                List.copyOf(errors));
    }

    /** Whether changing from {@code other} to this needs the interface to be reopened. */
    boolean needsReopen(PortSettings other) {
        return !Objects.equals(interfaceName, other.interfaceName)
                || !Objects.equals(driver, other.driver)
                || promiscuous != other.promiscuous
                || maxFrameSize != other.maxFrameSize
                || bufferSize != other.bufferSize
                || readTimeoutMs != other.readTimeoutMs
                || !rxCpus.equals(other.rxCpus)
                || rxLanes != other.rxLanes
                || xdpNative != other.xdpNative;
    }

    /**
     * Egress shaping: the port's rate, its traffic classes in priority order, each class's queue.
     */
    record Shaping(long bitsPerSecond, List<Shaper.TrafficClass> classes, int queueFrames) {
    }

    /** The shape.* keys, or null when shape.rate is not set. */
    private static Shaping shaping(PortConfig config, List<String> errors) {
        String rateText = trim(config.shape_rate());
        String classesText = trim(config.shape_classes());
        if (rateText.isEmpty()) {
            if (!classesText.isEmpty()) {
                errors.add("shape.classes: set without shape.rate");
            }
            return null;
        }
        int before = errors.size();
        long rate = ConfigSyntax.quantity("shape.rate", rateText, 64_000, 400_000_000_000L, errors);
        int queue = ConfigSyntax.number("shape.queue.frames", config.shape_queue_frames(), 16, 65536, errors);
        List<Shaper.TrafficClass> classes = new ArrayList<>();
        int taken = 0;
        long guaranteed = 0;
        for (ConfigSyntax.Entry e : ConfigSyntax.entries(classesText, "shape.classes", errors)) {
            if (e.values().size() < 2) {
                errors.add("shape.classes: '" + e.text() + "' is not 'NAME: PCPS RATE' (e.g. 'voice: 5-7 30M')");
                continue;
            }
            int pcps = 0;
            for (String v : e.values().subList(0, e.values().size() - 1)) {
                try {
                    int[] range = ConfigSyntax.range(v, 0, 7);
                    for (int p = range[0]; p <= range[1]; p++) {
                        pcps |= 1 << p;
                    }
                } catch (IllegalArgumentException ex) {
                    errors.add("shape.classes: " + e.key() + ": PCP " + ex.getMessage());
                }
            }
            if ((pcps & taken) != 0) {
                errors.add("shape.classes: " + e.key() + ": a PCP of another class");
            }
            taken |= pcps;
            long min = ConfigSyntax.quantity("shape.classes: " + e.key() + ": rate", e.values().get(e.values().size() - 1),
                    0, 400_000_000_000L, errors);
            guaranteed += min;
            classes.add(new Shaper.TrafficClass(e.key(), pcps, min));
        }
        if (errors.size() == before && guaranteed > rate) {
            errors.add("shape.classes: the guarantees add up to " + guaranteed + " bit/s, above shape.rate " + rate);
        }
        return errors.size() > before ? null : new Shaping(rate, List.copyOf(classes), queue);
    }

    /** The guards of the guard.* keys, or null when none is on. */
    private static Guard guard(PortConfig config, List<String> errors) {
        int before = errors.size();
        List<Long> macs = new ArrayList<>();
        for (String m : trim(config.guard_source_macs()).split(",")) {
            if (!m.isBlank()) {
                try {
                    macs.add(MacAddress.parse(m.trim()));
                } catch (IllegalArgumentException e) {
                    errors.add(ConfigSyntax.problem("guard.source.macs", m, "a MAC address"));
                }
            }
        }
        boolean arp = ConfigSyntax.bool("guard.arp", config.guard_arp(), errors);
        boolean nd = ConfigSyntax.bool("guard.nd", config.guard_nd(), errors);
        boolean dhcp = ConfigSyntax.bool("guard.dhcp", config.guard_dhcp(), errors);
        List<Guard.Binding> bindings = new ArrayList<>();
        for (String entry : trim(config.guard_bindings()).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] f = entry.trim().split("\\s+");
            try {
                if (f.length != 2) {
                    throw new IllegalArgumentException();
                }
                bindings.add(new Guard.Binding(MacAddress.parse(f[0]), ip(f[1])));
            } catch (IllegalArgumentException e) {
                errors.add(ConfigSyntax.problem("guard.bindings", entry, "'MAC IP' (an IPv4 or IPv6 address)"));
            }
        }
        if (errors.size() > before || (macs.isEmpty() && !arp && !nd && !dhcp)) {
            if (errors.size() == before && !bindings.isEmpty()) {
                errors.add("guard.bindings: set without guard.arp or guard.nd");
            }
            return null;
        }
        return new Guard(macs, arp, nd, dhcp, bindings);
    }

    /** An IPv4 or IPv6 literal (never a name: nothing is looked up). */
    private static byte[] ip(String text) {
        if (!text.matches("[0-9.]+") && !text.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException(text);
        }
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The ingress policer of the police.* keys, or null when none is set. */
    private static Policer policer(PortConfig config, List<String> errors) {
        PoliceRates rates = PoliceRates.parse("", config.police_rate(), config.police_burst(), config.police_pps(),
                config.police_burst_frames(), errors);
        return rates == null ? null : Policer.of(rates);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
