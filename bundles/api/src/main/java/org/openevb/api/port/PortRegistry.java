package org.openevb.api.port;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The port directory: every port of this platform, whatever made it, under a name unique across
 * all kinds. A port that takes a name another port already holds is listed, in ERROR naming that
 * port, but does not hold the name: {@link #port} does not find it and {@link #follow} does not
 * announce it.
 */
@ProviderType
public interface PortRegistry {

    /** Every port, sorted by name, including those DOWN or in ERROR. */
    List<Port> ports();

    /** The port that holds {@code name}. */
    Optional<Port> port(String name);

    /**
     * Follows the ports that hold their names. The ports present are announced at once as
     * arrivals; afterwards every port that comes to hold its name arrives, and every port that
     * stops holding it (removed, renamed, or in conflict after a change of its configuration)
     * departs. A collision loser arrives when the holder of its name leaves. Closing the returned
     * {@link Following} makes every port still announced depart, then stops.
     *
     * <p>The listener is called by one thread at a time, in order, on the thread that changed the
     * directory (or the one already calling it), never with a lock of the directory held: it may
     * look ports up. An exception it throws is logged and counted and changes nothing else.
     */
    Following follow(PortListener listener);

    /** A listener following the directory; closing it never throws. */
    @ProviderType
    interface Following extends AutoCloseable {
        /** Every port still announced departs, then the listener is told nothing more. */
        @Override
        void close();
    }
}
