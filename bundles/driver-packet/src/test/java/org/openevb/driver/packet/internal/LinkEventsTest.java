package org.openevb.driver.packet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The link messages read from a netlink buffer: which interfaces changed. */
class LinkEventsTest {

    /** A netlink message of {@code type} about interface {@code ifindex}, {@code extra} attribute bytes after the ifinfomsg. */
    private static void message(ByteBuffer b, int type, int ifindex, int extra) {
        int start = b.position();
        int size = LinkEvents.NLMSG_HEADER + LinkEvents.IFINFO_LENGTH + extra;
        b.putInt(size).putShort((short) type).putShort((short) 0).putInt(0).putInt(0);
        b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(ifindex).putInt(0x11043).putInt(0);
        b.position(start + ((size + 3) & ~3));
    }

    private static List<Integer> links(ByteBuffer b) {
        List<Integer> seen = new ArrayList<>();
        LinkEvents.links(b, b.position(), seen::add);
        return seen;
    }

    @Test
    void newAndDeletedLinksAreAnnouncedByIndexOthersIgnored() {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        message(b, LinkEvents.RTM_NEWLINK, 7, 5); // attributes of odd length: the next message is aligned
        message(b, 20, 9, 0); // RTM_NEWADDR: not a link message
        message(b, LinkEvents.RTM_DELLINK, 12, 0);
        assertEquals(List.of(7, 12), links(b));
    }

    @Test
    void aTruncatedOrMalformedMessageEndsTheBufferWithoutAnException() {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        message(b, LinkEvents.RTM_NEWLINK, 3, 0);
        int cut = b.position();
        message(b, LinkEvents.RTM_NEWLINK, 4, 0);
        List<Integer> seen = new ArrayList<>();
        LinkEvents.links(b, cut + 20, seen::add);
        assertEquals(List.of(3), seen, "the second message runs past the bytes read");
        ByteBuffer zero = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        zero.position(40); // a length of 0 would loop forever if it were taken
        assertEquals(List.of(), links(zero));
        ByteBuffer shortLink = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        shortLink.putInt(LinkEvents.NLMSG_HEADER + 4).putShort((short) LinkEvents.RTM_NEWLINK).putShort((short) 0)
                .putInt(0).putInt(0).putInt(5);
        assertEquals(List.of(), links(shortLink), "an RTM_NEWLINK too short for its ifinfomsg");
    }
}
