package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openevb.codec.pcap.PcapReader;

/** The test vectors copied into the test resources, loaded once. */
public final class Vectors {

    public static final String A = "synthetic/evb-vectors-a.pcap";
    public static final String B = "synthetic/evb-vectors-b.pcap";
    public static final String LLDPAD_ECP_VDP = "lldpad/lldpad-ecp22-vdp22.pcap";
    public static final String LLDPAD_EVB_LLDP = "lldpad/lldpad-evb22-lldp.pcap";
    public static final String LLDPAD_FULL = "lldpad/lldpad-evb22-vdp22-full.pcap";
    public static final String LLDPAD_VS_SCRIPTED = "lldpad/lldpad-station-vs-scapy-bridge.pcap";

    /** Every capture, with its frame count as tshark reports it. */
    public static final Map<String, Integer> ALL = new LinkedHashMap<>();

    static {
        ALL.put(A, 19);
        ALL.put(B, 14);
        ALL.put(LLDPAD_ECP_VDP, 20);
        ALL.put(LLDPAD_EVB_LLDP, 19);
        ALL.put(LLDPAD_FULL, 39);
        ALL.put(LLDPAD_VS_SCRIPTED, 40);
    }

    private static final Map<String, List<PcapReader.Record>> CACHE = new LinkedHashMap<>();

    private Vectors() {
    }

    /** The raw bytes of a capture file. */
    public static byte[] fileBytes(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tshark decode saved beside a capture. */
    public static String decodeText(String name) {
        String txt = name.startsWith("synthetic/") ? name.replace(".pcap", ".tshark.txt") : name.replace(".pcap", ".txt");
        return new String(fileBytes(txt), StandardCharsets.UTF_8);
    }

    public static synchronized List<PcapReader.Record> records(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try {
                return PcapReader.readAll(new java.io.ByteArrayInputStream(fileBytes(n)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The frames of a capture, in order. */
    public static List<byte[]> frames(String name) {
        List<byte[]> out = new ArrayList<>();
        for (PcapReader.Record r : records(name)) {
            out.add(r.data());
        }
        return out;
    }

    /** Frame {@code number} (1-based, as tshark counts). */
    public static byte[] frame(String name, int number) {
        return records(name).get(number - 1).data();
    }

    /** Every frame of every capture. */
    public static List<byte[]> allFrames() {
        List<byte[]> out = new ArrayList<>();
        for (String name : ALL.keySet()) {
            out.addAll(frames(name));
        }
        return out;
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Epoch times of the frames as printed by tshark -V, in nanoseconds. */
    public static List<Long> tsharkEpochNanos(String name) {
        List<Long> out = new ArrayList<>();
        for (String line : decodeText(name).split("\n")) {
            String t = line.trim();
            if (t.startsWith("Epoch Time: ")) {
                String v = t.substring("Epoch Time: ".length()).split(" ")[0];
                out.add(new BigDecimal(v).movePointRight(9).longValueExact());
            }
        }
        return out;
    }

    /** Frame lengths as printed by tshark -V ("Frame N: L bytes on wire"). */
    public static List<Integer> tsharkLengths(String name) {
        List<Integer> out = new ArrayList<>();
        for (String line : decodeText(name).split("\n")) {
            if (line.startsWith("Frame ") && line.contains(" bytes on wire")) {
                out.add(Integer.parseInt(line.split(": ")[1].split(" ")[0]));
            }
        }
        return out;
    }

    /** Runs a decoder; returns its result, null on CodecException, fails on anything else. */
    public static <T> T decodeOrNull(CodecCall<T> call) {
        try {
            return call.run();
        } catch (CodecException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail("CodecException without a message", e);
            }
            return null;
        } catch (Throwable t) {
            return fail("decoder threw " + t, t);
        }
    }

    /** A decoder call. */
    @FunctionalInterface
    public interface CodecCall<T> {
        T run() throws CodecException;
    }
}
