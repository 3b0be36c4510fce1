package org.openevb.port.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.api.port.FrameHandler;

class ClaimsTest {

    private final Claims claims = new Claims();
    private final FrameHandler bridge = (port, frame) -> { };
    private final FrameHandler bridgeRebuilt = (port, frame) -> { };
    private final FrameHandler extender = (port, frame) -> { };

    @Test
    void oneOwnerAtATimeAndASecondClaimWaitsInsteadOfReplacing() {
        assertEquals("", claims.owner());
        assertTrue(claims.claim("bridge 'br0'", bridge));
        assertFalse(claims.claim("extender 'pe1'", extender), "refused: never a silent replacement");
        assertEquals("bridge 'br0'", claims.owner());
        assertSame(bridge, claims.handler());
        assertEquals(List.of("extender 'pe1'"), claims.waiting());

        claims.release(bridge);
        assertEquals("extender 'pe1'", claims.owner(), "the waiting claim is granted on release");
        assertSame(extender, claims.handler());
        assertEquals(List.of(), claims.waiting());

        claims.release(extender);
        assertEquals("", claims.owner());
        assertNull(claims.handler(), "free: frames are counted as unattached");
    }

    @Test
    void theOwnerReplacesItsOwnHandlerAndItsOldHandlerReleasesNothing() {
        claims.claim("bridge 'br0'", bridge);
        assertTrue(claims.claim("bridge 'br0'", bridgeRebuilt), "a rebuilt data path takes over at once");
        claims.release(bridge); // the old data path letting go afterwards
        assertSame(bridgeRebuilt, claims.handler());
    }

    @Test
    void aWaitingClaimCanBeWithdrawn() {
        claims.claim("bridge 'br0'", bridge);
        claims.claim("extender 'pe1'", extender);
        claims.release(extender);
        claims.release(bridge);
        assertEquals("", claims.owner(), "the extender withdrew before the bridge let go");
    }
}
