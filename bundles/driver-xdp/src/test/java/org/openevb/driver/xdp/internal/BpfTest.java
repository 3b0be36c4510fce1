package org.openevb.driver.xdp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
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
}
