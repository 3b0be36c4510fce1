package org.openevb.driver.xdp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.openevb.api.driver.KernelForwarding;
import org.junit.jupiter.api.Test;

class BpfTest {

    @Test
    void theProgramIsTheSixInstructionsOfTheCForwarder() {
        // as compiled from bench/c/xdp-forwarder.c's struct bpf_insn array with map_fd 5
        byte[] expected = HexFormat.of().parseHex(
                "6112100000000000" // r2 = *(u32 *)(r1 + 16)   ctx->rx_queue_index
                        + "1811000005000000" // r1 = map (BPF_PSEUDO_MAP_FD 5), 64-bit immediate
                        + "0000000000000000"
                        + "b703000002000000" // r3 = XDP_PASS
                        + "8500000033000000" // call bpf_redirect_map (51)
                        + "9500000000000000"); // exit
        assertArrayEquals(expected, Bpf.program(5));
    }

    @Test
    void receiveFramesFollowTheBufferSizeAsAPowerOfTwoWithinBounds() {
        assertEquals(2048, XdpDriver.rxFrames(4 * 1024 * 1024));
        assertEquals(256, XdpDriver.rxFrames(65536));
        assertEquals(4096, XdpDriver.rxFrames(1 << 30));
        assertEquals(2048, XdpDriver.rxFrames(5 * 1024 * 1024));
    }

    /** One struct bpf_insn. */
    record Insn(int code, int dst, int src, int off, int imm) {
        boolean isJump() {
            int cls = code & 0x07;
            int op = code & 0xf0;
            return (cls == 0x05 || cls == 0x06) && op != 0x80 /* CALL */ && op != 0x90 /* EXIT */;
        }
    }

    static List<Insn> decode(byte[] program) {
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        List<Insn> insns = new ArrayList<>();
        while (b.hasRemaining()) {
            int code = b.get() & 0xff;
            int regs = b.get() & 0xff;
            insns.add(new Insn(code, regs & 0x0f, regs >> 4, b.getShort(), b.getInt()));
        }
        return insns;
    }

    @Test
    void theForwardingProgramsJumpsLandWhereTheyMean() {
        List<Insn> p = decode(Bpf.forwardingProgram(5, 7));
        // the socket path: r2 = ctx->rx_queue_index; r1 = the XSKMAP; r3 = XDP_PASS; call bpf_redirect_map; exit
        int socket = p.size() - 6;
        assertEquals(new Insn(Bpf.LDX_W, 2, 6, 16, 0), p.get(socket));
        assertEquals(new Insn(Bpf.LD_DW_IMM, 1, Sys.BPF_PSEUDO_MAP_FD, 0, 5), p.get(socket + 1));
        assertEquals(new Insn(Bpf.CALL, 0, 0, 0, Sys.BPF_FUNC_REDIRECT_MAP), p.get(socket + 4));
        assertEquals(new Insn(Bpf.EXIT, 0, 0, 0, 0), p.get(socket + 5));
        // the lookup: r1 = the table
        int lookup = p.indexOf(new Insn(Bpf.LD_DW_IMM, 1, Sys.BPF_PSEUDO_MAP_FD, 0, 7));
        // the C-tag: r4 = data; r4 += 18
        int ctag = p.lastIndexOf(new Insn(Bpf.MOV64_X, 4, 2, 0, 0));
        assertEquals(new Insn(Bpf.ADD64_K, 4, 0, 0, 18), p.get(ctag + 1));

        List<String> jumps = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            Insn in = p.get(i);
            if (!in.isJump()) {
                continue;
            }
            int target = i + 1 + in.off();
            assertTrue(in.off() >= 0, "forward only, no loops: " + i);
            String to = target == socket ? "socket" : target == lookup ? "lookup" : target == ctag ? "ctag" : "" + target;
            jumps.add(String.format("%02x r%d 0x%04x %s", in.code(), in.dst(), in.imm(), to));
        }
        assertEquals(List.of(
                "2d r4 0x0000 socket", // shorter than 14 bytes
                "15 r4 0x0081 ctag", // 0x8100
                "15 r4 0xa888 socket", // 0x88a8
                "15 r4 0x0091 socket", // 0x9100
                "15 r4 0x2689 socket", // VN-Tag 0x8926
                "15 r4 0x3f89 socket", // E-Tag 0x893f
                "05 r0 0x0000 lookup", // untagged
                "2d r4 0x0000 socket", // C-tagged, shorter than 18 bytes
                "15 r0 0x0000 socket"), // no entry
                jumps);
        // the hit: the frame's length and 1 added atomically to the entry's counts, then bpf_redirect(entry->ifindex, 0)
        int hit = p.indexOf(new Insn(Bpf.CALL, 0, 0, 0, Sys.BPF_FUNC_XDP_GET_BUFF_LEN));
        assertEquals(new Insn(Bpf.ATOMIC_ADD_DW, 7, 0, XdpForwarding.BYTES_AT, 0), p.get(hit + 1));
        assertEquals(new Insn(Bpf.ATOMIC_ADD_DW, 7, 1, XdpForwarding.FRAMES_AT, 0), p.get(hit + 3));
        assertEquals(new Insn(Bpf.LDX_W, 1, 7, XdpForwarding.IFINDEX_AT, 0), p.get(hit + 4));
        assertEquals(new Insn(Bpf.CALL, 0, 0, 0, Sys.BPF_FUNC_REDIRECT), p.get(hit + 6));
        assertEquals(new Insn(Bpf.EXIT, 0, 0, 0, 0), p.get(hit + 7));
        assertEquals(socket, hit + 8);
    }

    /**
     * The program's tag key, made from the TCI's bytes as a little-endian load sees them (clear
     * 0xf0 of the first byte, set 0x10), is the key bytes of cTagged(VID) for every TCI.
     */
    @Test
    void theProgramsTagKeyIsCTaggedOfTheVidForEveryTci() {
        byte[] key = new byte[XdpForwarding.KEY_SIZE];
        for (int tci = 0; tci < 0x10000; tci++) {
            int loaded = (tci >> 8) | (tci & 0xff) << 8; // bytes tci>>8, tci&0xff in memory, loaded little-endian
            int stored = (loaded & 0xff0f) | 0x0010;
            XdpForwarding.keyBytes(key, 0x0102_0304_0506L, 0x0a0b_0c0d_0e0fL, KernelForwarding.cTagged(tci & 0xfff));
            assertEquals(key[12] & 0xff, stored & 0xff, "TCI " + tci);
            assertEquals(key[13] & 0xff, stored >> 8, "TCI " + tci);
        }
        XdpForwarding.keyBytes(key, 0x0102_0304_0506L, 0x0a0b_0c0d_0e0fL, KernelForwarding.cTagged(5));
        assertEquals("0102030405060a0b0c0d0e0f10050000", HexFormat.of().formatHex(key));
        XdpForwarding.keyBytes(key, 0x0102_0304_0506L, 0x0a0b_0c0d_0e0fL, KernelForwarding.UNTAGGED);
        assertEquals("0102030405060a0b0c0d0e0f00000000", HexFormat.of().formatHex(key));
        assertEquals(0x0081, Bpf.swap16(0x8100));
    }
}
