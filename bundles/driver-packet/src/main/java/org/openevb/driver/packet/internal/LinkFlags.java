package org.openevb.driver.packet.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import org.openevb.api.driver.DriverException;
import org.openevb.linux.LibC;

/** An interface's administrative state (IFF_UP), read and set by ioctl as {@code ip link set dev IF up|down} does. */
final class LinkFlags {

    private LinkFlags() {
    }

    /** Sets or clears IFF_UP on {@code interfaceName}, keeping its other flags. */
    static void setUp(String interfaceName, boolean up) throws DriverException {
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > 15) {
            throw new DriverException("'" + interfaceName + "' is not an interface name (1..15 characters)");
        }
        Memory ifr = new Memory(Sys.IFREQ_SIZE);
        ifr.clear();
        ifr.write(0, name, 0, name.length);
        String what = "cannot set interface '" + interfaceName + "' " + (up ? "up" : "down") + ": ";
        int s = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM, 0);
        if (s < 0) {
            throw new DriverException(what + LibC.error(Native.getLastError()));
        }
        try {
            if (LibC.ioctl(s, Sys.SIOCGIFFLAGS, ifr) < 0) {
                throw new DriverException(what + "cannot read its flags: " + LibC.error(Native.getLastError()));
            }
            short flags = ifr.getShort(16);
            ifr.setShort(16, (short) (up ? flags | Sys.IFF_UP : flags & ~Sys.IFF_UP));
            if (LibC.ioctl(s, Sys.SIOCSIFFLAGS, ifr) < 0) {
                throw new DriverException(what + LibC.error(Native.getLastError()));
            }
        } finally {
            LibC.close(s);
        }
    }
}
