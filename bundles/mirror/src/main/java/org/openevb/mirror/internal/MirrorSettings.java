package org.openevb.mirror.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.openevb.api.config.CheckedSettings;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.api.config.ConfigSyntax;

/** A mirror's configuration, validated: every bad key named with the reason. */
record MirrorSettings(
        String name,
        List<String> ingress,
        List<String> egress,
        List<String> vlans,
        String destination,
        String filter,
        int queueFrames,
        int maxFrameSize,
        List<String> errors,
        List<Pattern> ingressPatterns,
        List<Pattern> egressPatterns,
        boolean[] vlanSet) implements CheckedSettings {

    static final int DEFAULT_QUEUE_FRAMES = 1024;
    static final int DEFAULT_MAX_FRAME_SIZE = 9216;

    static MirrorSettings from(MirrorConfig c) {
        List<String> errors = new ArrayList<>();
        String name = ConfigSyntax.name("name", c.name(), errors);
        List<String> ingress = items(c.ingress());
        List<String> egress = items(c.egress());
        if (ingress.isEmpty() && egress.isEmpty()) {
            errors.add("ingress, egress: both empty (name the ports to copy)");
        }
        List<String> vlans = items(c.vlans());
        boolean[] vlanSet = null;
        if (!vlans.isEmpty()) {
            vlanSet = new boolean[4096];
            for (String v : vlans) {
                try {
                    int[] range = ConfigSyntax.range(v, 0, 4094);
                    Arrays.fill(vlanSet, range[0], range[1] + 1, true);
                } catch (IllegalArgumentException e) {
                    errors.add("vlans: " + e.getMessage());
                }
            }
        }
        String destination = ConfigSyntax.name("destination", c.destination(), errors);
        for (String source : concat(ingress, egress)) {
            if (!destination.isEmpty() && ConfigSyntax.glob(source).matcher(destination).matches() && !source.contains("*")) {
                errors.add("destination: '" + destination + "' is also a source (a mirror of its own copies)");
                break;
            }
        }
        String filter = c.filter() == null ? "" : c.filter().trim();
        if (!filter.isEmpty()) {
            ConfigSyntax.name("filter", filter, errors);
        }
        int queue = ConfigSyntax.number("queue.frames", c.queue_frames(), 16, 65536, errors);
        int maxFrame = ConfigSyntax.number("max.frame.size", c.max_frame_size(), 64, 65535, errors);
        return new MirrorSettings(name, ingress, egress, vlans, destination, filter, queue, maxFrame, List.copyOf(errors),
                patterns(ingress), patterns(egress), vlanSet);
    }

    /** Whether frames received on {@code port} are copied (never the destination's). */
    boolean copiesIngress(String port) {
        return !port.equals(destination) && matches(ingressPatterns, port);
    }

    /** Whether frames sent on {@code port} are copied (never the destination's). */
    boolean copiesEgress(String port) {
        return !port.equals(destination) && matches(egressPatterns, port);
    }

    /** Whether a frame whose outermost VID is {@code vid} (0 untagged) is copied. */
    boolean copiesVid(int vid) {
        return vlanSet == null || (vid >= 0 && vid < vlanSet.length && vlanSet[vid]);
    }

    /** Whether a change from {@code other} needs a new queue. */
    boolean queueDiffers(MirrorSettings other) {
        return queueFrames != other.queueFrames || maxFrameSize != other.maxFrameSize;
    }

    /**
     * The VID of a frame's outermost tag (C-tag 0x8100, S-tag 0x88A8 or 0x9100), 0 when untagged or
     * too short to tell.
     */
    static int outerVid(Frame frame) {
        // the tag and the type after it: a frame cut inside them counts as untagged
        if (frame.length() < 18 || !EtherType.isVlanTag(frame.typeAt12())) {
            return 0;
        }
        return frame.tciAt14() & 0xFFF;
    }

    private static boolean matches(List<Pattern> patterns, String port) {
        for (Pattern p : patterns) {
            if (p.matcher(port).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> items(String text) {
        List<String> out = new ArrayList<>();
        for (String item : (text == null ? "" : text).split(",")) {
            if (!item.isBlank()) {
                out.add(item.trim());
            }
        }
        return List.copyOf(out);
    }

    private static List<Pattern> patterns(List<String> items) {
        return items.stream().map(ConfigSyntax::glob).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
