package org.openevb.port.virtual;

import java.util.ArrayList;
import java.util.List;
import org.openevb.api.port.FrameHandler;

/**
 * Who consumes a port's received frames: one owner at a time. A second owner's claim is not a
 * replacement: it waits, and is granted when the owner releases, so two configuration changes
 * that move a port from one owner to another end in the same state in either order. The owner
 * claiming again with another handler (a data path rebuilt) replaces its own handler.
 *
 * <p>The receive path reads {@link #handler()} (one volatile read); claims and releases are
 * rare and synchronized.
 */
public final class Claims {

    private record Claim(String owner, FrameHandler handler) {
    }

    private volatile Claim current;
    private final List<Claim> waiting = new ArrayList<>();

    /** The handler frames go to, or null while the port is free. */
    public FrameHandler handler() {
        Claim c = current;
        return c == null ? null : c.handler;
    }

    /** The current owner, or "" while the port is free. */
    public String owner() {
        Claim c = current;
        return c == null ? "" : c.owner;
    }

    /** The owners waiting for the port, in the order they asked. */
    public synchronized List<String> waiting() {
        return waiting.stream().map(Claim::owner).toList();
    }

    /**
     * Claims the port for {@code owner}: granted at once if the port is free or already
     * {@code owner}'s (its handler is then replaced), else queued behind the current owner.
     *
     * @return true if {@code handler} receives the port's frames now
     */
    public synchronized boolean claim(String owner, FrameHandler handler) {
        Claim c = current;
        if (c == null || c.owner.equals(owner)) {
            current = new Claim(owner, handler);
            waiting.removeIf(w -> w.owner.equals(owner));
            return true;
        }
        waiting.removeIf(w -> w.owner.equals(owner));
        waiting.add(new Claim(owner, handler));
        return false;
    }

    /**
     * Withdraws {@code handler}'s claim, held or waiting; a handler that no longer holds or waits
     * (replaced by its owner's newer one) changes nothing. When the holder releases, the first
     * waiting claim is granted.
     */
    public synchronized void release(FrameHandler handler) {
        waiting.removeIf(w -> w.handler == handler);
        Claim c = current;
        if (c != null && c.handler == handler) {
            current = waiting.isEmpty() ? null : waiting.remove(0);
        }
    }
}
