package org.openevb.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.PortCounter;
import org.openevb.api.port.PortCounters;

class CountersTest {

    @Test
    void everyKeyIsPresentZeroIncluded() {
        Counters<DropReason> c = Counters.of(DropReason.class, Map.of(DropReason.TX_ERROR, 2L, DropReason.RX_OVERSIZE, 5L));
        assertEquals(List.of(DropReason.values()), c.keys());
        assertEquals(DropReason.values().length, c.asMap().size());
        assertEquals(0, c.get(DropReason.TX_OVERSIZE));
        assertEquals(2, c.get(DropReason.TX_ERROR));
        assertEquals(7, c.total());
        assertEquals(DropReason.class, c.type());
        assertEquals(0, Counters.zero(DropReason.class).total());
    }

    @Test
    void aSnapshotDoesNotChangeWithItsSource() {
        long[] live = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Counters<DropReason> c = Counters.of(DropReason.class, r -> live[r.ordinal()]);
        live[0] = 100;
        assertEquals(1, c.get(DropReason.TX_OVERSIZE));
        assertEquals(Counters.of(DropReason.class, r -> r.ordinal() + 1L), c);
        assertNotEquals(Counters.zero(DropReason.class), c);
        assertEquals("{tx-oversize=1, tx-port-down=2, tx-error=3, tx-carrier-refused=4, tx-queue-full=5, rx-oversize=6, "
                + "rx-unattached=7, rx-handler-error=8, rx-policed=9}", c.toString());
    }

    @Test
    void portCountersCarryTheirTotalAndTheirTrafficAsASet() {
        PortCounters p = new PortCounters(10, 1000, 4, 400, Counters.of(DropReason.class, Map.of(DropReason.TX_ERROR, 3L)), 1);
        assertEquals(3, p.drops());
        assertEquals(3, p.totalDrops());
        assertEquals(3, p.drops(DropReason.TX_ERROR));
        Counters<PortCounter> traffic = p.asCounters();
        assertEquals(10, traffic.get(PortCounter.RX_FRAMES));
        assertEquals(400, traffic.get(PortCounter.TX_BYTES));
        assertEquals(1, traffic.get(PortCounter.KERNEL_DROPS));
        assertThrows(IllegalArgumentException.class,
                () -> new PortCounters(0, 0, 0, 0, 1, Counters.zero(DropReason.class), 0), "a total that is not the sum");
    }
}
