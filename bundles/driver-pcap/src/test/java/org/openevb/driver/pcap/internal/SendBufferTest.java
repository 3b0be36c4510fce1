package org.openevb.driver.pcap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A frame goes out of the smallest send buffer that holds it: JNA copies at most twice the frame. */
class SendBufferTest {

    @Test
    void smallestBufferThatHoldsTheFrame() {
        assertEquals(64, PcapPort.slotSize(PcapPort.sizeSlot(1)));
        assertEquals(64, PcapPort.slotSize(PcapPort.sizeSlot(60)));
        assertEquals(64, PcapPort.slotSize(PcapPort.sizeSlot(64)));
        assertEquals(128, PcapPort.slotSize(PcapPort.sizeSlot(65)));
        assertEquals(128, PcapPort.slotSize(PcapPort.sizeSlot(128)));
        assertEquals(256, PcapPort.slotSize(PcapPort.sizeSlot(129)));
        assertEquals(2048, PcapPort.slotSize(PcapPort.sizeSlot(1514)));
        assertEquals(16384, PcapPort.slotSize(PcapPort.sizeSlot(9018)));
        assertEquals(65536, PcapPort.slotSize(PcapPort.sizeSlot(65536)));
    }

    @Test
    void everyLengthFitsInLessThanTwiceItself() {
        for (int length = 1; length <= 65536; length++) {
            int size = PcapPort.slotSize(PcapPort.sizeSlot(length));
            assertTrue(size >= length && (size < 2 * length || size == 64), length + " -> " + size);
        }
    }
}
