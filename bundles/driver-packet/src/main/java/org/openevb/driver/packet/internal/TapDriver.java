package org.openevb.driver.packet.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverHandle;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.api.driver.LinuxDrivers;
import org.openevb.api.driver.LinuxInterface;
import org.openevb.api.driver.PortDriver;
import org.openevb.linux.LibC;
import org.osgi.service.component.annotations.Component;

/**
 * A port that is an interface of the host itself: the driver creates a Linux tap device of the
 * port's interface name and brings it up; what the host's stack sends on it arrives at the port,
 * what the port sends arrives at the host's stack. A bridge with such a port and no uplink is a
 * host-only network. The tap lives as long as the port is open (it is not persistent). Without
 * offloads asked for, the kernel hands the tap whole frames with their checksums done.
 */
@Component(service = PortDriver.class, property = PortDriver.NAME_PROPERTY + "=" + TapDriver.NAME)
public class TapDriver implements PortDriver {

    public static final String NAME = "tap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverHandle open(String interfaceName, DriverOptions options, DriverListener listener) throws DriverException {
        options.requireOneLane(NAME);
        LinuxDrivers.requireUsable(LibC::unavailable, "tap devices");
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > 15) {
            throw new DriverException("'" + interfaceName + "' is not an interface name for a tap (1..15 characters)");
        }
        Memory ifr = new Memory(Sys.IFREQ_SIZE);
        ifr.clear();
        ifr.write(0, name, 0, name.length);
        ifr.setShort(16, (short) (Sys.IFF_TAP | Sys.IFF_NO_PI));
        int fd = LibC.open("/dev/net/tun", LibC.O_RDWR);
        if (fd < 0) {
            throw new DriverException("cannot open /dev/net/tun: " + LibC.error(Native.getLastError()));
        }
        try {
            if (LibC.ioctl(fd, Sys.TUNSETIFF, ifr) < 0) {
                throw new DriverException("cannot create tap '" + interfaceName + "': " + LibC.error(Native.getLastError())
                        + " (an interface of that name that is not a free tap already exists?)");
            }
            LinkFlags.setUp(interfaceName, true);
            LinuxInterface sys = new LinuxInterface(interfaceName);
            TapPort port = new TapPort(interfaceName, new LinuxDrivers.Found(sys, sys.ifindex()), fd, options, listener);
            fd = -1; // the port closes it from here on, also when it cannot start
            port.start();
            return port;
        } finally {
            if (fd >= 0) {
                LibC.close(fd);
            }
        }
    }
}
