package org.openevb.api.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openevb.codec.Frame;

/** The checks before a Linux driver opens, and what its handle says afterwards: order and messages. */
class LinuxDriversTest {

    private static final String MISSING = "evb-nosuch0";
    private static final Supplier<Throwable> NOT_ASKED = () -> {
        throw new AssertionError("natives checked before the interface");
    };

    @Test
    void aMissingInterfaceIsReportedBeforeTheNatives() {
        DriverException e = assertThrows(DriverException.class,
                () -> LinuxDrivers.find(MISSING, NOT_ASKED, "packet sockets"));
        assertEquals("no such interface '" + MISSING + "'", e.getMessage());
    }

    @Test
    void lanesAreRefusedFirst() {
        DriverOptions two = new DriverOptions(1518, 1 << 20, 10, true, "evb-rx-t", CpuSet.ANY, 2);
        DriverException e = assertThrows(DriverException.class,
                () -> LinuxDrivers.find(MISSING, two, "xdp", NOT_ASKED, "XDP sockets"));
        assertEquals("rx.lanes 2: the xdp driver receives on one thread; the packet driver has lanes", e.getMessage());
    }

    @Test
    void unusableNativesNameWhatCannotBeOpened() {
        DriverException e = assertThrows(DriverException.class,
                () -> LinuxDrivers.find("lo", () -> new UnsupportedOperationException("not here"), "packet sockets"));
        assertEquals("packet sockets are not usable: java.lang.UnsupportedOperationException: not here", e.getMessage());

        DriverException load = assertThrows(DriverException.class, () -> LinuxDrivers.requireUsable(() -> {
            throw new NoClassDefFoundError("com/sun/jna/Native");
        }, "tap devices"));
        assertEquals("tap devices are not usable: java.lang.NoClassDefFoundError: com/sun/jna/Native", load.getMessage());
    }

    @Test
    void anInterfaceFoundHasItsIndex() throws DriverException {
        LinuxDrivers.Found lo = LinuxDrivers.find("lo", () -> null, "packet sockets");
        assertEquals(new LinuxInterface("lo").ifindex(), lo.ifindex());
        assertNull(lo.gone());
    }

    @Test
    void aHandleSaysTheInterfaceWentBeforeItsThread() {
        LinuxInterface lo = new LinuxInterface("lo");
        int index = lo.ifindex();
        assertNull(new Handle(new LinuxDrivers.Found(lo, index), null).health());
        assertEquals("receive thread ended", new Handle(new LinuxDrivers.Found(lo, index), "receive thread ended").health());
        assertEquals("interface 'lo' was replaced (ifindex " + (index + 1000) + " -> " + index + ")",
                new Handle(new LinuxDrivers.Found(lo, index + 1000), "receive thread ended").health());

        Handle gone = new Handle(new LinuxDrivers.Found(new LinuxInterface(MISSING), 7), "receive thread ended");
        assertEquals("interface '" + MISSING + "' disappeared", gone.health());
        assertEquals(-1, gone.mtu());
        assertEquals(-1, gone.macAddress());
        assertFalse(gone.hasCarrier());
    }

    private record Handle(LinuxDrivers.Found found, String receiverEnded) implements LinuxHandle {

        @Override
        public void send(Frame frame) {
        }

        @Override
        public long kernelDrops() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
