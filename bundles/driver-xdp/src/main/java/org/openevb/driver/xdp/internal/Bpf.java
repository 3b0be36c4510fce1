package org.openevb.driver.xdp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.driver.DriverException;
import org.openevb.codec.EtherType;
import org.openevb.linux.LibC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BPF side of one port, made with bpf(2) alone (no compiler, no ELF, no libbpf): an XSKMAP of
 * one entry holding the port's XDP socket, the port's kernel forwarding table (a hash map, see
 * {@link XdpForwarding}), an XDP program that sends every frame matching an entry of the table
 * out of the entry's egress interface and redirects every other frame of the interface's receive
 * queue to the socket in the XSKMAP, and a bpf_link attaching the program to the interface. The
 * link is the only attachment: closing its descriptor detaches the program, and the kernel closes
 * it when the process ends, however it ends, so nothing is left on the interface. While the link
 * exists no other program can be attached to the interface (the kernel answers EBUSY).
 *
 * <p>On a kernel that refuses the forwarding program (before Linux 5.18 it lacks
 * bpf_xdp_get_buff_len) the port gets the six-instruction program of {@link #program} and no
 * table.
 */
final class Bpf {

    private static final Logger LOG = LoggerFactory.getLogger(Bpf.class);

    /** The XDP program without a table, written out in the layout of struct bpf_insn (8 bytes each). */
    static byte[] program(int mapFd) {
        ByteBuffer b = ByteBuffer.allocate(6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        // r2 = ctx->rx_queue_index (struct xdp_md: data, data_end, data_meta, ingress_ifindex, rx_queue_index)
        insn(b, 0x61 /* LDX|W|MEM */, 2, 1, 16, 0);
        // r1 = the map: a 64-bit immediate load of its descriptor (BPF_PSEUDO_MAP_FD), in two slots
        insn(b, 0x18 /* LD|DW|IMM */, 1, 1, 0, mapFd);
        insn(b, 0, 0, 0, 0, 0);
        // r3 = XDP_PASS: what the call returns when no socket is at that key (the frame goes to the stack)
        insn(b, 0xb7 /* ALU64|MOV|K */, 3, 0, 0, Sys.XDP_PASS);
        insn(b, 0x85 /* JMP|CALL */, 0, 0, 0, Sys.BPF_FUNC_REDIRECT_MAP);
        insn(b, 0x95 /* JMP|EXIT */, 0, 0, 0, 0);
        return b.array();
    }

    // The instruction codes of the forwarding program (linux/bpf_common.h, linux/bpf.h)
    static final int LDX_W = 0x61;
    static final int LDX_H = 0x69;
    static final int STX_W = 0x63;
    static final int STX_H = 0x6b;
    static final int ST_DW = 0x7a;
    static final int MOV64_X = 0xbf;
    static final int MOV64_K = 0xb7;
    static final int ADD64_K = 0x07;
    static final int AND64_K = 0x57;
    static final int OR64_K = 0x47;
    static final int LD_DW_IMM = 0x18;
    static final int JGT_X = 0x2d;
    static final int JEQ_K = 0x15;
    static final int JA = 0x05;
    static final int CALL = 0x85;
    static final int EXIT = 0x95;
    /** BPF_STX|BPF_ATOMIC|BPF_DW with imm BPF_ADD (0): lock *(u64 *)(dst + off) += src (the old XADD). */
    static final int ATOMIC_ADD_DW = 0xdb;

    /** Where the program builds the table's key on its stack: 16 bytes below the frame pointer r10. */
    static final int KEY_AT = -XdpForwarding.KEY_SIZE;

    /**
     * The XDP program with the kernel forwarding table. The key is built on the stack as the
     * table's key bytes: destination MAC, source MAC (each as on the wire), the tag key in network
     * order (0 untagged; 0x1000 | VID for an outer C-tag, made from the TCI's bytes by clearing the
     * PCP and setting the DEI's bit, which 0x1000 is) and two zero bytes. Loads from the frame are
     * little-endian views of its bytes and are stored back unchanged, so the key needs no byte
     * swapping; EtherTypes are compared in that view (0x8100 is 0x0081).
     */
    static byte[] forwardingProgram(int xskMapFd, int tableFd) {
        Asm a = new Asm();
        // r6 = ctx: kept across the calls, which clobber r1-r5
        a.insn(MOV64_X, 6, 1, 0, 0);
        // r2 = ctx->data, r3 = ctx->data_end (struct xdp_md)
        a.insn(LDX_W, 2, 6, 0, 0);
        a.insn(LDX_W, 3, 6, 4, 0);
        // r4 = data + 14; if r4 > data_end goto socket: shorter than an Ethernet header
        a.insn(MOV64_X, 4, 2, 0, 0);
        a.insn(ADD64_K, 4, 0, 0, 14);
        a.jump(JGT_X, 4, 3, 0, "socket");
        // the key, zeroed first (the verifier reads only initialised stack): *(u64 *)(r10 - 16) = 0, *(u64 *)(r10 - 8) = 0
        a.insn(ST_DW, 10, 0, KEY_AT, 0);
        a.insn(ST_DW, 10, 0, KEY_AT + 8, 0);
        // key[0..3] = destination MAC bytes 0..3; key[4..5] = bytes 4..5 (stack stores must be aligned to their size)
        a.insn(LDX_W, 4, 2, 0, 0);
        a.insn(STX_W, 10, 4, KEY_AT, 0);
        a.insn(LDX_H, 4, 2, 4, 0);
        a.insn(STX_H, 10, 4, KEY_AT + 4, 0);
        // key[6..7] = source MAC bytes 0..1; key[8..11] = bytes 2..5
        a.insn(LDX_H, 4, 2, 6, 0);
        a.insn(STX_H, 10, 4, KEY_AT + 6, 0);
        a.insn(LDX_W, 4, 2, 8, 0);
        a.insn(STX_W, 10, 4, KEY_AT + 8, 0);
        // r4 = the EtherType at 12
        a.insn(LDX_H, 4, 2, 12, 0);
        // 0x8100, a C-tag: goto ctag
        a.jump(JEQ_K, 4, 0, swap16(EtherType.C_TAG), "ctag");
        // any other tag the platform knows (S-tag, legacy Q-in-Q, VN-Tag, E-Tag): goto socket
        a.jump(JEQ_K, 4, 0, swap16(EtherType.S_TAG), "socket");
        a.jump(JEQ_K, 4, 0, swap16(EtherType.QINQ_LEGACY), "socket");
        a.jump(JEQ_K, 4, 0, swap16(EtherType.VN_TAG), "socket");
        a.jump(JEQ_K, 4, 0, swap16(EtherType.E_TAG), "socket");
        // untagged: the tag key stays 0
        a.jump(JA, 0, 0, 0, "lookup");
        a.label("ctag");
        // r4 = data + 18; if r4 > data_end goto socket: too short for the tag
        a.insn(MOV64_X, 4, 2, 0, 0);
        a.insn(ADD64_K, 4, 0, 0, 18);
        a.jump(JGT_X, 4, 3, 0, "socket");
        // r4 = the TCI's two bytes; keep the VID's 12 bits (0xff0f in this view), set 0x1000's bit (0x0010)
        a.insn(LDX_H, 4, 2, 14, 0);
        a.insn(AND64_K, 4, 0, 0, 0xff0f);
        a.insn(OR64_K, 4, 0, 0, 0x0010);
        // key[12..13] = the tag key
        a.insn(STX_H, 10, 4, KEY_AT + 12, 0);
        a.label("lookup");
        // r0 = bpf_map_lookup_elem(table, r10 - 16)
        a.insn(LD_DW_IMM, 1, Sys.BPF_PSEUDO_MAP_FD, 0, tableFd);
        a.insn(0, 0, 0, 0, 0);
        a.insn(MOV64_X, 2, 10, 0, 0);
        a.insn(ADD64_K, 2, 0, 0, KEY_AT);
        a.insn(CALL, 0, 0, 0, Sys.BPF_FUNC_MAP_LOOKUP_ELEM);
        // no entry: goto socket
        a.jump(JEQ_K, 0, 0, 0, "socket");
        // r7 = the entry (struct: u32 egress ifindex, u32 pad, u64 frames, u64 bytes)
        a.insn(MOV64_X, 7, 0, 0, 0);
        // r0 = bpf_xdp_get_buff_len(ctx): the frame's length
        a.insn(MOV64_X, 1, 6, 0, 0);
        a.insn(CALL, 0, 0, 0, Sys.BPF_FUNC_XDP_GET_BUFF_LEN);
        // lock entry->bytes += r0
        a.insn(ATOMIC_ADD_DW, 7, 0, XdpForwarding.BYTES_AT, 0);
        // lock entry->frames += 1
        a.insn(MOV64_K, 1, 0, 0, 1);
        a.insn(ATOMIC_ADD_DW, 7, 1, XdpForwarding.FRAMES_AT, 0);
        // return bpf_redirect(entry->ifindex, 0): out of that interface, unchanged
        a.insn(LDX_W, 1, 7, XdpForwarding.IFINDEX_AT, 0);
        a.insn(MOV64_K, 2, 0, 0, 0);
        a.insn(CALL, 0, 0, 0, Sys.BPF_FUNC_REDIRECT);
        a.insn(EXIT, 0, 0, 0, 0);
        a.label("socket");
        // the program without a table: return bpf_redirect_map(xsks, ctx->rx_queue_index, XDP_PASS)
        a.insn(LDX_W, 2, 6, 16, 0);
        a.insn(LD_DW_IMM, 1, Sys.BPF_PSEUDO_MAP_FD, 0, xskMapFd);
        a.insn(0, 0, 0, 0, 0);
        a.insn(MOV64_K, 3, 0, 0, Sys.XDP_PASS);
        a.insn(CALL, 0, 0, 0, Sys.BPF_FUNC_REDIRECT_MAP);
        a.insn(EXIT, 0, 0, 0, 0);
        return a.bytes();
    }

    /** A 16-bit value as a little-endian load sees it in memory written in network order. */
    static int swap16(int v) {
        return (v >> 8 & 0xff) | (v & 0xff) << 8;
    }

    /** Instructions with jumps to labels, resolved at the end (off: instructions to skip after the jump). */
    static final class Asm {
        private final List<int[]> insns = new ArrayList<>();
        private final List<String> targets = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        void insn(int code, int dst, int src, int off, int imm) {
            insns.add(new int[] {code, dst, src, off, imm});
            targets.add(null);
        }

        void jump(int code, int dst, int src, int imm, String label) {
            insn(code, dst, src, 0, imm);
            targets.set(targets.size() - 1, label);
        }

        void label(String name) {
            if (labels.put(name, insns.size()) != null) {
                throw new IllegalStateException("label " + name + " twice");
            }
        }

        byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < insns.size(); i++) {
                int[] in = insns.get(i);
                int off = in[3];
                String target = targets.get(i);
                if (target != null) {
                    Integer at = labels.get(target);
                    if (at == null) {
                        throw new IllegalStateException("no label " + target);
                    }
                    off = at - (i + 1);
                }
                Bpf.insn(b, in[0], in[1], in[2], off, in[4]);
            }
            return b.array();
        }
    }

    private static void insn(ByteBuffer b, int code, int dst, int src, int off, int imm) {
        b.put((byte) code).put((byte) (dst | src << 4)).putShort((short) off).putInt(imm);
    }

    int mapFd = -1;
    int progFd = -1;
    int linkFd = -1;
    /** The port's kernel forwarding table, or null when the kernel refused its program. */
    XdpForwarding forwarding;
    /** Whether the program runs in the driver (native XDP) rather than in the generic receive path. */
    boolean nativeMode;

    /**
     * Makes the maps and the program; {@link #attach} puts a socket in the XSKMAP and attaches.
     * On failure everything made so far is closed.
     */
    static Bpf load(String interfaceName, int ifindex, XdpForwarding.Tables tables) throws DriverException {
        Bpf bpf = new Bpf();
        try {
            Memory a = attr();
            a.setInt(0, Sys.BPF_MAP_TYPE_XSKMAP);
            a.setInt(4, 4); // key: the receive queue
            a.setInt(8, 4); // value: the socket
            a.setInt(12, 1); // max_entries: a veth has one receive queue
            name(a, 28, "evb_xsks");
            bpf.mapFd = (int) call(Sys.BPF_MAP_CREATE, a, interfaceName, "BPF_MAP_CREATE (XSKMAP)");
            bpf.forwarding = XdpForwarding.create(interfaceName, ifindex, tables);

            // neither program calls a helper restricted to GPL programs: the license is only declared
            String[] refused = new String[1];
            long fd = loadProgram(forwardingProgram(bpf.mapFd, bpf.forwarding.fd()), "evb_kfwd_xsk", refused);
            if (fd < 0) {
                LOG.warn("'{}': the kernel refused the XDP program with the forwarding table ({}); the port has no"
                        + " kernel forwarding (it needs Linux 5.18 or later)", interfaceName, refused[0]);
                bpf.forwarding.close();
                bpf.forwarding = null;
                fd = loadProgram(program(bpf.mapFd), "evb_xsk_redir", refused);
                if (fd < 0) {
                    throw new DriverException("cannot open interface '" + interfaceName
                            + "' (BPF_PROG_LOAD of the XDP program): " + refused[0]);
                }
            }
            bpf.progFd = (int) fd;
            return bpf;
        } catch (DriverException | RuntimeException e) {
            bpf.close();
            throw e;
        }
    }

    /**
     * BPF_PROG_LOAD of an XDP program: its descriptor, or -1 with the reason in {@code why[0]}. The
     * first try has no verifier log (a log too small for a program that passes fails the load);
     * a refused program is loaded again with one, for the reason.
     */
    private static long loadProgram(byte[] insns, String name, String[] why) {
        Memory code = new Memory(insns.length);
        code.write(0, insns, 0, insns.length);
        Memory license = new Memory(16);
        license.setString(0, "unspecified", "US-ASCII");
        Memory a = attr();
        a.setInt(0, Sys.BPF_PROG_TYPE_XDP);
        a.setInt(4, insns.length / 8);
        a.setPointer(8, code);
        a.setPointer(16, license);
        name(a, 48, name);
        a.setInt(68, Sys.BPF_XDP); // expected_attach_type
        long fd = LibC.syscall(Sys.NR_BPF, Sys.BPF_PROG_LOAD, a, Sys.BPF_ATTR_SIZE);
        int errno = Native.getLastError();
        // the kernel read them through the pointers: they must not be freed before the call returns
        Reference.reachabilityFence(code);
        Reference.reachabilityFence(license);
        if (fd >= 0) {
            return fd;
        }
        String error = LibC.error(errno);
        Memory log = new Memory(65536);
        log.clear();
        a.setInt(24, 1); // log_level
        a.setInt(28, (int) log.size());
        a.setPointer(32, log);
        fd = LibC.syscall(Sys.NR_BPF, Sys.BPF_PROG_LOAD, a, Sys.BPF_ATTR_SIZE);
        Reference.reachabilityFence(code);
        Reference.reachabilityFence(license);
        if (fd >= 0) {
            return fd; // passed the second time: keep it
        }
        String verifier = log.getString(0, "US-ASCII").trim();
        // the last lines say why
        int from = verifier.length();
        for (int lines = 0; lines < 3 && from > 0; lines++) {
            from = verifier.lastIndexOf('\n', from - 1);
        }
        verifier = verifier.substring(Math.max(0, from)).trim().replace('\n', ' ');
        why[0] = error + (verifier.isEmpty() ? "" : "; verifier: " + verifier);
        return -1;
    }

    /**
     * Puts the socket in the map at key 0 (queue 0) and attaches the program to the interface:
     * in the driver (native XDP) when {@code tryNative} and the driver can, else in the generic
     * receive path.
     */
    void attach(int xskFd, int ifindex, boolean tryNative, String interfaceName) throws DriverException {
        Memory key = new Memory(4);
        key.setInt(0, 0);
        Memory value = new Memory(4);
        value.setInt(0, xskFd);
        Memory a = attr();
        a.setInt(0, mapFd);
        a.setPointer(8, key);
        a.setPointer(16, value);
        call(Sys.BPF_MAP_UPDATE_ELEM, a, interfaceName, "BPF_MAP_UPDATE_ELEM (the socket into the XSKMAP)");
        String nativeRefused = null;
        if (tryNative) {
            long fd = link(ifindex, Sys.XDP_FLAGS_DRV_MODE);
            if (fd >= 0) {
                linkFd = (int) fd;
                nativeMode = true;
                return;
            }
            int errno = Native.getLastError();
            if (errno == LibC.EBUSY || errno == LibC.ENODEV) {
                throw linkFailure(errno, interfaceName);
            }
            nativeRefused = LibC.error(errno);
        }
        long fd = link(ifindex, Sys.XDP_FLAGS_SKB_MODE);
        if (fd < 0) {
            throw linkFailure(Native.getLastError(), interfaceName);
        }
        linkFd = (int) fd;
        nativeMode = false;
        if (nativeRefused != null) {
            LOG.info(
                    "'{}': native XDP refused ({}), the program runs in the generic receive path", interfaceName, nativeRefused);
        }
    }

    private long link(int ifindex, int flags) {
        Memory a = attr();
        a.setInt(0, progFd);
        a.setInt(4, ifindex);
        a.setInt(8, Sys.BPF_XDP);
        a.setInt(12, flags);
        return LibC.syscall(Sys.NR_BPF, Sys.BPF_LINK_CREATE, a, Sys.BPF_ATTR_SIZE);
    }

    private static DriverException linkFailure(int errno, String interfaceName) {
        String why = errno == LibC.EBUSY ? "another XDP program is attached to it: " : "";
        return new DriverException("cannot attach the XDP program to '" + interfaceName + "' (BPF_LINK_CREATE): " + why
                + LibC.error(errno));
    }

    /**
     * Detaches the program (closing the link) and closes the program and the maps; the table keeps
     * its counts ({@link XdpForwarding#close}). Idempotent.
     */
    void close() {
        LibC.closeQuietly(linkFd);
        linkFd = -1;
        LibC.closeQuietly(progFd);
        progFd = -1;
        LibC.closeQuietly(mapFd);
        mapFd = -1;
        if (forwarding != null) {
            forwarding.close();
        }
    }

    private static Memory attr() {
        Memory a = new Memory(Sys.BPF_ATTR_SIZE);
        a.clear();
        return a;
    }

    private static void name(Pointer a, int offset, String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        a.write(offset, b, 0, Math.min(b.length, 15)); // BPF_OBJ_NAME_LEN 16, NUL-terminated
    }

    private static long call(int cmd, Memory a, String interfaceName, String what) throws DriverException {
        long r = LibC.syscall(Sys.NR_BPF, cmd, a, Sys.BPF_ATTR_SIZE);
        if (r < 0) {
            throw new DriverException("cannot open interface '" + interfaceName + "' (" + what + "): "
                    + LibC.error(Native.getLastError()));
        }
        return r;
    }
}
