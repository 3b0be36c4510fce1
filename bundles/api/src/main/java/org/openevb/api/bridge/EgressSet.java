package org.openevb.api.bridge;

/**
 * The ports a frame leaves by, as port indexes of one bridge. Reused frame after frame: adding is
 * idempotent and nothing allocates after construction.
 */
public final class EgressSet {
    private final int[] ports;
    private final long[] seen;
    private int size;

    public EgressSet(int capacity) {
        ports = new int[capacity];
        seen = new long[(capacity + 63) >>> 6];
    }

    /** Adds a port; adding it twice keeps one. */
    public void add(int port) {
        long bit = 1L << port;
        int word = port >>> 6;
        if ((seen[word] & bit) == 0) {
            seen[word] |= bit;
            ports[size++] = port;
        }
    }

    public boolean contains(int port) {
        return (seen[port >>> 6] & (1L << port)) != 0;
    }

    /** Removes a port (keeps the order of the others). */
    public void remove(int port) {
        if (!contains(port)) {
            return;
        }
        seen[port >>> 6] &= ~(1L << port);
        int w = 0;
        for (int i = 0; i < size; i++) {
            if (ports[i] != port) {
                ports[w++] = ports[i];
            }
        }
        size = w;
    }

    public int size() {
        return size;
    }

    /** The i-th port added. */
    public int get(int i) {
        return ports[i];
    }

    public int capacity() {
        return ports.length;
    }

    public void clear() {
        for (int i = 0; i < size; i++) {
            seen[ports[i] >>> 6] = 0;
        }
        size = 0;
    }
}
