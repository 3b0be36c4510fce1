package org.openevb.port.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openevb.codec.Frame;

/**
 * The guards read through the codec's views decide as they did on the frame's array: every frame
 * of the guard tests, every cut of it, with tags of every kind in front, and with random bytes
 * changed, is judged and learned from the same way by {@link Guard} and {@link ArrayGuardReference}
 * under every combination of guards.
 */
class GuardEquivalenceTest {

    private static final String VM_MAC = "020000000001";
    private static final long VM = 0x020000000001L;
    private static final List<String> TAGS = List.of("", "8100a00a", "88a8200a8100000b", "9100000c",
            "893f00000000000c", "8926000a0000", "8100000a893f000000000007", "8100000a8100000b8100000c");

    @Test
    void everyFrameEveryCutEveryTagStackAndRandomChanges() {
        List<byte[]> frames = new ArrayList<>(base());
        for (byte[] f : base()) {
            for (String tags : TAGS) {
                frames.add(withTags(f, tags));
            }
        }
        Random random = new Random(17);
        int bases = frames.size();
        for (int i = 0; i < 20_000; i++) {
            byte[] f = frames.get(random.nextInt(bases)).clone();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                // mostly in the headers, where the decisions are made
                int at = random.nextInt(Math.min(f.length, random.nextBoolean() ? 90 : f.length));
                f[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : f[at] ^ (1 << random.nextInt(8)));
            }
            frames.add(f);
        }
        long decisions = 0;
        for (int rules = 0; rules < 16; rules++) {
            boolean arp = (rules & 1) != 0;
            boolean nd = (rules & 2) != 0;
            boolean dhcp = (rules & 4) != 0;
            List<Long> macs = (rules & 8) != 0 ? List.of(VM) : List.of();
            List<Guard.Binding> bindings = List.of(new Guard.Binding(VM, new byte[] {10, 0, 0, 1}),
                    new Guard.Binding(VM, GuardTest.hex("fd000000000000000000000000000001")));
            Guard guard = new Guard(macs, arp, nd, dhcp, bindings);
            ArrayGuardReference reference = new ArrayGuardReference(macs, arp, nd, dhcp, bindings);
            Frame frame = new Frame(2048);
            for (byte[] f : frames) {
                int step = f.length > 120 && rules != 7 ? 7 : 1; // every cut once, a sample of the rest
                for (int cut = f.length; cut >= 0; cut -= step) {
                    frame.copyFrom(f, 0, cut);
                    int length = cut;
                    assertEquals(reference.check(f, 0, cut), guard.check(frame),
                            () -> HexFormat.of().formatHex(f, 0, length));
                    guard.sent(frame);
                    reference.sent(f, 0, cut);
                    decisions++;
                }
            }
            assertEquals(reference.learned(), guard.learned(), "rules " + rules);
        }
        assertEquals(true, decisions > 1_000_000, "decisions " + decisions);
    }

    private static List<byte[]> base() {
        String vm1 = VM_MAC + "00".repeat(10);
        return List.of(
                GuardTest.arp(VM_MAC, "0a000001"),
                GuardTest.arp(VM_MAC, "0a000002"),
                GuardTest.arp("020000000009", "0a000001"),
                GuardTest.arp(VM_MAC, "00000000"),
                GuardTest.dhcp(2, 2, "0a000005", vm1, false),
                GuardTest.dhcp(2, 5, "0a000005", vm1, true),
                GuardTest.dhcp(2, 5, "0a000001", vm1, false),
                GuardTest.dhcp(1, 5, "0a000007", vm1, false),
                GuardTest.hex("333300010002" + VM_MAC + "86dd" + "60000000 0008 11 40" + "fe80" + "00".repeat(14)
                        + "fe80" + "00".repeat(14) + "0223 0222 0008 0000"),
                GuardTest.neighbourAdvertisement(VM_MAC, "fd000000000000000000000000000001"),
                GuardTest.neighbourAdvertisement(VM_MAC, "fd000000000000000000000000000002"),
                GuardTest.neighbourAdvertisement("020000000009", "fd000000000000000000000000000001"));
    }

    /** The frame with {@code tags} (hex) between its source MAC and its EtherType. */
    private static byte[] withTags(byte[] f, String tags) {
        byte[] t = GuardTest.hex(tags);
        byte[] out = new byte[f.length + t.length];
        System.arraycopy(f, 0, out, 0, 12);
        System.arraycopy(t, 0, out, 12, t.length);
        System.arraycopy(f, 12, out, 12 + t.length, f.length - 12);
        return out;
    }
}
