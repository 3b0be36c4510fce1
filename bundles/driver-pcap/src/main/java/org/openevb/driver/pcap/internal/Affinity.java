package org.openevb.driver.pcap.internal;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.openevb.api.driver.CpuSet;

/** The one libc call this driver makes itself: moving its receive thread to its CPUs. */
final class Affinity {

    static {
        Native.register(Affinity.class, Platform.C_LIBRARY_NAME);
    }

    private Affinity() {
    }

    /** pid 0: the calling thread. */
    private static native int sched_setaffinity(int pid, long maskBytes, long[] mask);

    /** Moves the calling thread to {@code cpus}: null when it did, else the errno's text. */
    static String pin(CpuSet cpus) {
        long[] mask = cpus.mask();
        if (sched_setaffinity(0, mask.length * 8L, mask) == 0) {
            return null;
        }
        int errno = Native.getLastError();
        return errno == 22 ? "Invalid argument (errno 22)" : "errno " + errno;
    }
}
