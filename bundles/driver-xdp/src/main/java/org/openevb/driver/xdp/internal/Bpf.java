package org.openevb.driver.xdp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.openevb.api.driver.DriverException;
import org.openevb.linux.LibC;
import org.slf4j.LoggerFactory;

/**
 * The BPF side of one port, made with bpf(2) alone (no compiler, no ELF, no libbpf): an XSKMAP of
 * one entry holding the port's XDP socket, a six-instruction XDP program redirecting every frame
 * of the interface's receive queue to the socket in that map, and a bpf_link attaching the program
 * to the interface. The link is the only attachment: closing its descriptor detaches the program,
 * and the kernel closes it when the process ends, however it ends, so nothing is left on the
 * interface. While the link exists no other program can be attached to the interface (the kernel
 * answers EBUSY).
 */
final class Bpf {

    /** The XDP program, written out in the layout of struct bpf_insn (8 bytes each). */
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

    private static void insn(ByteBuffer b, int code, int dst, int src, int off, int imm) {
        b.put((byte) code).put((byte) (dst | src << 4)).putShort((short) off).putInt(imm);
    }

    int mapFd = -1;
    int progFd = -1;
    int linkFd = -1;
    /** Whether the program runs in the driver (native XDP) rather than in the generic receive path. */
    boolean nativeMode;

    /**
     * Makes the map and the program; {@link #attach} puts a socket in the map and attaches.
     * On failure everything made so far is closed.
     */
    static Bpf load(String interfaceName) throws DriverException {
        Bpf bpf = new Bpf();
        try {
            Memory a = attr();
            a.setInt(0, Sys.BPF_MAP_TYPE_XSKMAP);
            a.setInt(4, 4); // key: the receive queue
            a.setInt(8, 4); // value: the socket
            a.setInt(12, 1); // max_entries: a veth has one receive queue
            name(a, 28, "evb_xsks");
            bpf.mapFd = (int) call(Sys.BPF_MAP_CREATE, a, interfaceName, "BPF_MAP_CREATE (XSKMAP)");

            byte[] insns = program(bpf.mapFd);
            Memory code = new Memory(insns.length);
            code.write(0, insns, 0, insns.length);
            // bpf_redirect_map is not restricted to GPL programs: the license is only declared
            Memory license = new Memory(16);
            license.setString(0, "unspecified", "US-ASCII");
            Memory log = new Memory(4096);
            log.clear();
            a = attr();
            a.setInt(0, Sys.BPF_PROG_TYPE_XDP);
            a.setInt(4, insns.length / 8);
            a.setPointer(8, code);
            a.setPointer(16, license);
            a.setInt(24, 1); // log_level
            a.setInt(28, (int) log.size());
            a.setPointer(32, log);
            name(a, 48, "evb_xsk_redir");
            a.setInt(68, Sys.BPF_XDP); // expected_attach_type
            long fd = LibC.syscall(Sys.NR_BPF, Sys.BPF_PROG_LOAD, a, Sys.BPF_ATTR_SIZE);
            if (fd < 0) {
                int errno = Native.getLastError();
                String verifier = log.getString(0, "US-ASCII").trim();
                throw new DriverException("cannot open interface '" + interfaceName + "' (BPF_PROG_LOAD of the XDP program): "
                        + LibC.error(errno) + (verifier.isEmpty() ? "" : "; verifier: " + verifier));
            }
            bpf.progFd = (int) fd;
            return bpf;
        } catch (DriverException | RuntimeException e) {
            bpf.close();
            throw e;
        }
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
            LoggerFactory.getLogger(Bpf.class).info(
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

    /** Detaches the program (closing the link) and closes the program and the map. Idempotent. */
    void close() {
        LibC.closeQuietly(linkFd);
        linkFd = -1;
        LibC.closeQuietly(progFd);
        progFd = -1;
        LibC.closeQuietly(mapFd);
        mapFd = -1;
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
