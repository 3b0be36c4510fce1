package org.openevb.port.virtual;

import java.util.Arrays;
import org.openevb.api.port.FrameHandler;
import org.openevb.codec.Frame;

/**
 * The control handlers of one port, by EtherType. Looked up for every received frame, so the
 * lookup is a scan of a small array without allocation; changes copy the array.
 */
public final class ControlHandlers {

    private record Entry(int etherType, FrameHandler handler) {
    }

    private static final Entry[] NONE = new Entry[0];

    private volatile Entry[] entries = NONE;

    /** The handler taking this frame, or null when the attached handler gets it. */
    public FrameHandler handlerFor(Frame frame) {
        Entry[] e = entries;
        if (e.length == 0 || frame.length() < 14) {
            return null;
        }
        int type = frame.typeAt12();
        for (Entry entry : e) {
            if (entry.etherType == type) {
                return entry.handler;
            }
        }
        return null;
    }

    /** See {@link org.openevb.api.port.Port#addControlHandler}. */
    public synchronized AutoCloseable add(String portName, int etherType, FrameHandler handler) {
        for (Entry e : entries) {
            if (e.etherType == etherType) {
                throw new IllegalStateException(String.format(
                        "port '%s': EtherType 0x%04X is already taken by another control protocol", portName, etherType));
            }
        }
        Entry added = new Entry(etherType, handler);
        Entry[] more = Arrays.copyOf(entries, entries.length + 1);
        more[more.length - 1] = added;
        entries = more;
        return () -> remove(added);
    }

    private synchronized void remove(Entry entry) {
        entries = Arrays.stream(entries).filter(e -> e != entry).toArray(Entry[]::new);
    }
}
