package org.openevb.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/** The direct-mapped libc calls link, and a failed call leaves its errno where the driver reads it. */
class LibCTest {

    private static final int EBADF = 9;

    @Test
    void aFailedCallReportsItsErrnoAndText() {
        assertNull(LibC.unavailable());
        assertEquals(-1, LibC.close(-1));
        assertEquals(EBADF, Native.getLastError());
        assertEquals("Bad file descriptor (errno 9)", LibC.error(EBADF));
        assertEquals(-1, LibC.send(-1, null, 0, 0));
        assertEquals(EBADF, Native.getLastError());
    }
}
