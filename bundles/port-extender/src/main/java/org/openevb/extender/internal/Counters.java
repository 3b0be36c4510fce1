package org.openevb.extender.internal;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one port of an extender; kept by name across reconfigurations. */
final class Counters {
    /** Frames from the port, sent up. */
    final LongAdder up = new LongAdder();
    final LongAdder upBytes = new LongAdder();
    /** Frames delivered down to the port. */
    final LongAdder down = new LongAdder();
    final LongAdder downBytes = new LongAdder();
    /** Replicated frames left out because the port was their source. */
    final LongAdder pruned = new LongAdder();
}
