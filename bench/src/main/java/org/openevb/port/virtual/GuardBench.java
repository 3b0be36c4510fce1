package org.openevb.port.virtual;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openevb.api.port.DropReason;
import org.openevb.codec.Frame;
import org.openevb.port.virtual.Guard.Binding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a port's guards cost per frame, every guard on: {@code check} as a VM's frame is received
 * (a bound ARP reply, a DHCP request, a bound neighbour advertisement, plain UDP), {@code sent} as
 * a frame goes to the VM (a DHCP offer: read, nothing learned). Run with {@code -prof gc}: neither
 * may allocate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuardBench {

    private static final String VM = "020000000001";

    @Param({"arp", "dhcp", "nd", "udp"})
    public String frame;

    private final Guard guard = new Guard(List.of(0x020000000001L), true, true, true,
            List.of(new Binding(0x020000000001L, new byte[] {10, 0, 0, 1}),
                    new Binding(0x020000000001L, hex("fd000000000000000000000000000001"))));
    private final Frame received = new Frame(2048);
    private final Frame offer = new Frame(2048);

    @Setup
    public void setUp() {
        byte[] f = switch (frame) {
            case "arp" -> hex("ffffffffffff" + VM + "8100000a0806" + "0001080006040002" + VM + "0a000001"
                    + "0200000000fe0a0000fe" + "00".repeat(18));
            case "dhcp" -> dhcp(1, 1);
            case "nd" -> hex("333300000001" + VM + "86dd" + "6000000000183aff" + "fe80" + "00".repeat(14) + "ff02"
                    + "00".repeat(13) + "01" + "8800000060000000" + "fd000000000000000000000000000001");
            case "udp" -> hex("0200000000fe" + VM + "0800" + "4500002e00004000401100000a0000010a0000fe"
                    + "9c400035001a0000" + "00".repeat(18));
            default -> throw new IllegalArgumentException(frame);
        };
        received.copyFrom(f, 0, f.length);
        byte[] o = dhcp(2, 2);
        offer.copyFrom(o, 0, o.length);
        if (guard.check(received) != null) {
            throw new IllegalStateException(frame + " dropped: " + guard.check(received));
        }
    }

    @Benchmark
    public DropReason check() {
        return guard.check(received);
    }

    @Benchmark
    public int sent() {
        guard.sent(offer);
        return offer.length();
    }

    /** A DHCP message (op, message type) from the client port 68 to 67 for op 1, the other way for op 2. */
    private static byte[] dhcp(int op, int type) {
        String bootp = String.format("%02x", op) + "010600" + "00000001" + "00000000" + "00000000" + "0a000005"
                + "0000000000000000" + VM + "00".repeat(10) + "00".repeat(192) + "63825363"
                + String.format("3501%02x", type) + "ff";
        int udpLength = 8 + bootp.length() / 2;
        String ports = op == 1 ? "00440043" : "00430044";
        String udp = ports + String.format("%04x", udpLength) + "0000" + bootp;
        String ip = String.format("4500%04x00000000401100000a0000feffffffff", 20 + udpLength);
        return hex("ffffffffffff" + VM + "0800" + ip + udp);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
