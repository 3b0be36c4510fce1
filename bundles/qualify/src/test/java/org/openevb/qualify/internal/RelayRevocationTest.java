package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.Verdict;

/**
 * P4's rules with this platform's edge relay as the station, on timelines in milliseconds: a relay
 * and a switch that hand over well, a relay slow to turn VEB, a switch that keeps its grant,
 * duplicates, no grant at all, and the link flap.
 */
class RelayRevocationTest {

    /**
     * VM frames every 10 ms in [from, to): the relay's behaviour polled before each; a VEPA sends
     * the frame up, and it reaches VM B only if the switch hairpins then ({@code copies} times); a
     * VEB delivers it itself (and {@code vebCopies} times).
     */
    static void stream(RelayRevocation r, long from, long to, LongFunction<String> mode, LongPredicate hairpin,
                       int copies, int vebCopies) {
        for (long t = from; t < to; t += RelayRevocation.STREAM_MILLIS) {
            String m = mode.apply(t);
            r.mode(t, m);
            int n = r.number(r.nextFrame());
            assertEquals(-1, n, "a frame not sent yet is not recognised");
            byte[] f = r.nextFrame();
            r.sent(t);
            int number = r.number(f);
            if (m.equals("vepa")) {
                r.onUplink(number, true);
                if (hairpin.test(t)) {
                    for (int i = 0; i < copies; i++) {
                        r.onUplink(number, false);
                        r.atVm(number, t + 1);
                    }
                }
            } else {
                for (int i = 0; i < vebCopies; i++) {
                    r.atVm(number, t);
                }
            }
        }
    }

    static void stream(RelayRevocation r, long from, long to, LongFunction<String> mode, LongPredicate hairpin) {
        stream(r, from, to, mode, hairpin, 1, 1);
    }

    /**
     * A switch that grants 300 ms after the station asks and the relay that follows it
     * {@code vebLag} ms after each TLV; the switch stops hairpin {@code hairpinLead} ms before its
     * TLV clears RRCTR. Withdrawn at 2000 (cleared at 2010), asked again at 4000 (granted 4300),
     * LLDP stopped at 6000 (cleared 6005), asked again at 8000 (granted 8300); link down at
     * 10000 for 3 s, the relay VEB {@code flapVeb} ms later, granted again 1500 ms after the link
     * returned. {@code keepRrctr}: the switch never clears RRCTR when withdrawn (and keeps hairpin).
     */
    static RelayRevocation timeline(long vebLag, long hairpinLead, long flapVeb, boolean keepRrctr) {
        RelayRevocation r = new RelayRevocation(11);
        long withdrawCleared = 2010;
        long stopCleared = 6005;
        long linkDown = 10_000;
        long linkUp = 13_000;
        long regrantAfterFlap = linkUp + 1500;
        LongFunction<String> mode = t -> {
            if (t < 300 + vebLag) {
                return "veb";
            }
            if (t < 4000) {
                return keepRrctr || t < withdrawCleared + vebLag ? "vepa" : "veb";
            }
            if (t < 4300 + vebLag) {
                return keepRrctr ? "vepa" : "veb";
            }
            if (t < 8000) {
                return t < stopCleared + vebLag ? "vepa" : "veb";
            }
            if (t < 8300 + vebLag) {
                return "veb";
            }
            if (t < linkDown + flapVeb) {
                return "vepa";
            }
            return t < regrantAfterFlap + vebLag ? "veb" : "vepa";
        };
        LongPredicate hairpin = t -> (t >= 300 && t < 2000) || (keepRrctr && t < 4000) || (t >= 2000 && t < withdrawCleared - hairpinLead)
                || (t >= 4300 && t < stopCleared - hairpinLead) || (t >= 8300 && t < linkDown) || t >= regrantAfterFlap;
        r.start(RelayRevocation.Kind.GRANT, 0);
        r.tlv(300, true);
        stream(r, 0, 2000, mode, hairpin);
        r.start(RelayRevocation.Kind.WITHDRAW, 2000);
        r.tlv(keepRrctr ? 2010 : withdrawCleared, keepRrctr);
        stream(r, 2000, 4000, mode, hairpin);
        r.start(RelayRevocation.Kind.REGRANT, 4000);
        r.tlv(4300, true);
        stream(r, 4000, 6000, mode, hairpin);
        r.start(RelayRevocation.Kind.STOP, 6000);
        r.tlv(stopCleared, false);
        stream(r, 6000, 8000, mode, hairpin);
        r.start(RelayRevocation.Kind.FLAP_GRANT, 8000);
        r.tlv(8300, true);
        stream(r, 8000, linkDown, mode, hairpin);
        r.start(RelayRevocation.Kind.FLAP, linkDown);
        r.linkDown(linkDown);
        // while the link is down, a VEPA's frames go nowhere: hairpin false then
        stream(r, linkDown, linkUp, mode, t -> false);
        r.linkUp(linkUp);
        r.tlv(regrantAfterFlap, true);
        stream(r, linkUp, regrantAfterFlap + 1000, mode, hairpin);
        return r;
    }

    @Test
    void aRelayThatFollowsTheSwitchWithinMillisecondsKeepsItsVmsConnected() {
        RelayRevocation r = timeline(3, 2, 100, false);
        ProbeOutcome o = r.conclude("'er'");
        assertEquals(Verdict.PASS, o.verdict(), o.summary() + " " + o.values());
        assertEquals("'er'", o.values().get("relay"));
        assertEquals("10 ms after the station stopped asking", o.values().get("withdraw.rrctr-cleared"));
        // polled at the stream's 10 ms: VEB seen at the first poll at or after 2013
        assertEquals("10 ms after RRCTR cleared, 20 ms after the station stopped asking", o.values().get("withdraw.relay-veb"));
        // hairpin off at 2008, the relay VEB from 2020: the frames of 2010 lost (2008..2020)
        assertTrue(o.values().get("withdraw.vm-frames").startsWith("200 sent, 1 lost (longest gap 10 ms), 0 duplicated"),
                o.values().get("withdraw.vm-frames"));
        assertEquals("5 ms after the station's LLDP stopped", o.values().get("stop.rrctr-cleared"));
        assertEquals("100 ms after its link went down", o.values().get("flap.relay-veb"));
        assertEquals("down 3000 ms (from 10000 ms), then up", o.values().get("flap.link"));
        // 10 frames sent up a link that is down before the relay turned VEB
        assertTrue(o.values().get("flap.vm-frames").startsWith("550 sent, 10 lost (longest gap 100 ms), 0 duplicated"),
                o.values().get("flap.vm-frames"));
        assertTrue(o.values().get("flap.regrant").startsWith("relay VEPA 1510 ms after its link returned (10 ms after RRCTR"),
                o.values().get("flap.regrant"));
        assertTrue(o.summary().startsWith("VMs stay connected while the switch revokes: withdraw (VEB 10 ms after RRCTR cleared) 1 lost"),
                o.summary());
        assertTrue(o.values().get("vm-frames").startsWith("1550 sent from 02:0e:b0:00:04:1a to 02:0e:b0:00:04:1b"),
                o.values().get("vm-frames"));
    }

    /** {@code o} fails, and its summary says each of {@code reasons}. */
    private static void assertFails(ProbeOutcome o, String... reasons) {
        assertEquals(Verdict.FAIL, o.verdict(), o.summary());
        for (String reason : reasons) {
            assertTrue(o.summary().contains(reason), o.summary());
        }
    }

    @Test
    void aRelaySlowerThanASecondToTurnVebLosesItsVmsAndFails() {
        assertFails(timeline(1500, 0, 100, false).conclude("'er'"),
                "withdraw: the relay turned VEB 1500 ms after RRCTR cleared", "withdraw: VM frames lost for 1500 ms");
    }

    @Test
    void aSwitchThatKeepsItsGrantWhenTheStationStopsAskingFails() {
        assertFails(timeline(3, 0, 100, true).conclude("'er'"),
                "withdraw: the switch still granted reflective relay", "withdraw: the relay did not turn VEB");
    }

    @Test
    void aRelayThatStaysVepaWithItsLinkDownFails() {
        assertFails(timeline(3, 0, 5000, false).conclude("'er'"),
                "flap: the relay did not turn VEB with its link down", "flap: VM frames lost for ");
    }

    @Test
    void aFrameDeliveredTwiceFails() {
        RelayRevocation r = new RelayRevocation(3);
        r.start(RelayRevocation.Kind.GRANT, 0);
        stream(r, 0, 500, t -> "vepa", t -> true);
        r.start(RelayRevocation.Kind.WITHDRAW, 500);
        r.tlv(505, false);
        // the switch reflects on while the relay is a VEB and delivers itself: every frame twice
        stream(r, 500, 2000, t -> t < 510 ? "vepa" : "veb", t -> true, 1, 1);
        for (int n = 60; n < 70; n++) {
            r.atVm(n, 1000);
        }
        assertFails(r.conclude("'er'"), "withdraw: 10 VM frame(s) delivered more than once");
    }

    @Test
    void noGrantIsNotSupportedAndAGrantWithoutHairpinFails() {
        RelayRevocation none = new RelayRevocation(1);
        none.start(RelayRevocation.Kind.GRANT, 0);
        none.tlv(100, false);
        stream(none, 0, 10_000, t -> "veb", t -> false);
        ProbeOutcome o = none.conclude("'er'");
        assertEquals(Verdict.NOT_SUPPORTED, o.verdict(), o.summary());
        assertTrue(o.values().get("grant").endsWith("the switch's EVB TLV on the uplink did not say RRCTR"), o.values().get("grant"));

        RelayRevocation dark = new RelayRevocation(2);
        dark.start(RelayRevocation.Kind.GRANT, 0);
        dark.tlv(100, true);
        stream(dark, 0, 10_000, t -> t < 105 ? "veb" : "vepa", t -> false);
        assertFails(dark.conclude("'er'"), "its VMs lose each other");
    }

    @Test
    void aPhaseSettlesOnItsAnswer() {
        RelayRevocation r = new RelayRevocation(5);
        r.start(RelayRevocation.Kind.GRANT, 0);
        stream(r, 0, 90, t -> "vepa", t -> true);
        assertTrue(!r.settled(90), "9 frames back: not yet");
        stream(r, 90, 100, t -> "vepa", t -> true);
        assertTrue(r.settled(100), "10 frames up and back once VEPA");
        r.start(RelayRevocation.Kind.WITHDRAW, 100);
        r.tlv(110, false);
        stream(r, 100, 200, t -> t < 120 ? "vepa" : "veb", t -> t < 108);
        assertTrue(!r.settled(1000), "VEB from 120: quiet until 1120");
        assertTrue(r.settled(1120));
        assertEquals(10, r.blackout(r.current()), "the frame of 110 lost: 110 to 120");
    }

    @Test
    void framesOfAnotherRunAreNotCounted() {
        RelayRevocation r = new RelayRevocation(9);
        RelayRevocation other = new RelayRevocation(10);
        byte[] f = r.nextFrame();
        r.sent(0);
        assertEquals(0, r.number(f));
        assertEquals(-1, other.number(f));
        assertEquals(-1, r.number(r.learnFrame()), "the learning frame is no numbered frame");
        assertEquals(-1, r.number(new byte[10]));
    }
}
