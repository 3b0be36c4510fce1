package org.openevb.port.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.PortTap;
import org.openevb.codec.Frame;

/** The shared port core as a virtual port uses it: counting, taps, dispatch, refused sends. */
class VirtualPortTest {

    /** A channel whose carrier accepts or refuses what it transmits. */
    private static final class Channel extends VirtualPort {
        boolean carrierAccepts = true;
        boolean carrierThrows;

        Channel() {
            super("up.ch2", "s-channel", "test", new UpPort(), 4);
            operational(true, "");
        }

        @Override
        protected boolean transmit(Frame frame) {
            if (carrierThrows) {
                throw new IllegalStateException("carrier gone");
            }
            return carrierAccepts;
        }
    }

    private static Frame frame(int type, int length) {
        Frame f = new Frame(length);
        byte[] bytes = new byte[length];
        bytes[12] = (byte) (type >> 8);
        bytes[13] = (byte) type;
        f.copyFrom(bytes, 0, length);
        return f;
    }

    @Test
    void receivedFramesAreCountedTappedAndDispatchedControlFirst() throws Exception {
        Channel ch = new Channel();
        List<String> seen = new ArrayList<>();
        ch.addTap((direction, now, frame) -> seen.add("tap " + direction + " " + frame.length()));
        ch.addControlHandler(0x88CC, (port, f) -> seen.add("lldp " + f.length()));
        ch.deliver(frame(0x0800, 64));
        assertEquals(List.of("tap IN 64"), seen, "no claim yet: tapped, then dropped as unattached");
        assertTrue(ch.claim("bridge 'br0'", (port, f) -> seen.add("bridge " + f.length())));
        ch.deliver(frame(0x0800, 70));
        ch.deliver(frame(0x88CC, 80));
        assertEquals(List.of("tap IN 64", "tap IN 70", "bridge 70", "tap IN 80", "lldp 80"), seen);
        PortCounters c = ch.counters();
        assertEquals(3, c.rxFrames());
        assertEquals(214, c.rxBytes());
        assertEquals(1, c.drops(DropReason.RX_UNATTACHED));
    }

    @Test
    void aFailingHandlerOrTapIsCountedNeverThrown() {
        Channel ch = new Channel();
        ch.addTap((direction, now, frame) -> {
            throw new IllegalStateException("tap");
        });
        ch.claim("bridge 'br0'", (port, f) -> {
            throw new IllegalStateException("boom");
        });
        ch.deliver(frame(0x0800, 64));
        assertEquals(1, ch.counters().drops(DropReason.RX_HANDLER_ERROR));
    }

    @Test
    void sentFramesAreCountedAndTappedOnlyWhenTheCarrierTakesThem() throws Exception {
        Channel ch = new Channel();
        List<String> seen = new ArrayList<>();
        AutoCloseable tap = ch.addTap((direction, now, frame) -> seen.add(direction + " " + frame.length()));
        assertTrue(ch.send(frame(0x0800, 60)));
        ch.carrierAccepts = false;
        assertFalse(ch.send(frame(0x0800, 61)));
        ch.carrierThrows = true;
        assertFalse(ch.send(frame(0x0800, 62)));
        ch.operational(false, "not negotiated");
        assertFalse(ch.send(frame(0x0800, 63)));
        tap.close();
        ch.operational(true, "");
        ch.carrierAccepts = true;
        ch.carrierThrows = false;
        assertTrue(ch.send(frame(0x0800, 64)));
        assertEquals(List.of("OUT 60"), seen, "refused sends are not shown; a closed tap sees nothing");
        PortCounters c = ch.counters();
        assertEquals(2, c.txFrames());
        assertEquals(124, c.txBytes());
        assertEquals(2, c.drops(DropReason.TX_CARRIER_REFUSED));
        assertEquals(1, c.drops(DropReason.TX_PORT_DOWN));
    }

    @Test
    void aSecondControlHandlerForOneEtherTypeIsRefused() {
        Port ch = new Channel();
        ch.addControlHandler(0x88CC, (port, f) -> { });
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ch.addControlHandler(0x88CC, (port, f) -> { }));
        assertTrue(e.getMessage().contains("up.ch2"), e.getMessage());
    }
}
