package org.openevb.api.driver;

import java.util.function.Supplier;

/**
 * The checks a Linux driver makes before it opens an interface, in one order and with one set of
 * messages for every driver.
 */
public final class LinuxDrivers {

    /** An interface found, and its index then: what {@link LinuxInterface#gone(int)} later compares with. */
    public record Found(LinuxInterface sys, int ifindex) {

        /** Why the interface is no longer the one found (deleted, or replaced under its name), or null. */
        public String gone() {
            return sys.gone(ifindex);
        }
    }

    private LinuxDrivers() {
    }

    /**
     * {@link #find(String, Supplier, String)} for a driver that receives on one thread: first
     * refuses the options if they ask for more ({@link DriverOptions#requireOneLane}).
     *
     * @param driver the driver's name, for that message
     */
    public static Found find(String name, DriverOptions options, String driver, Supplier<Throwable> natives,
            String what) throws DriverException {
        options.requireOneLane(driver);
        return find(name, natives, what);
    }

    /**
     * Finds {@code name}, and checks the driver's native calls once the interface is known to
     * exist, so a missing interface is reported as such on any platform.
     *
     * @param natives why the driver's native calls cannot be made here (null when they can); null
     *     for a driver that has none to check
     * @param what what the driver opens, for the message: "packet sockets"
     */
    public static Found find(String name, Supplier<Throwable> natives, String what) throws DriverException {
        LinuxInterface sys = new LinuxInterface(name);
        if (!sys.exists()) {
            throw noSuchInterface(name);
        }
        if (natives != null) {
            requireUsable(natives, what);
        }
        int ifindex = sys.ifindex();
        if (ifindex < 0) {
            throw noSuchInterface(name); // deleted since it was seen
        }
        return new Found(sys, ifindex);
    }

    /**
     * Fails unless the driver's native calls can be made. A binding that cannot even load (its
     * class initialisation failed, a library missing) counts as unusable too.
     *
     * @param natives why they cannot be made here, or null when they can
     * @param what what the driver opens, for the message: "tap devices"
     */
    public static void requireUsable(Supplier<Throwable> natives, String what) throws DriverException {
        Throwable unavailable;
        try {
            unavailable = natives.get();
        } catch (LinkageError e) {
            unavailable = e;
        }
        if (unavailable != null) {
            throw new DriverException(what + " are not usable: " + unavailable, unavailable);
        }
    }

    private static DriverException noSuchInterface(String name) {
        return new DriverException("no such interface '" + name + "'");
    }
}
