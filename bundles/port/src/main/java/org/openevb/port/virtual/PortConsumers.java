package org.openevb.port.virtual;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortListener;
import org.openevb.api.port.PortRegistry;

/**
 * The registry of one kind of component that uses ports by name (port extenders, controlling
 * bridges): it follows the port directory and tells the components when a port comes or goes,
 * and keeps names and ports unique among the components' valid configurations. A subclass is the
 * OSGi component: it takes the directory and names the kind of component; its {@code deactivate}
 * (found by name) is {@link #deactivate} here.
 *
 * @param <C> the component
 */
public abstract class PortConsumers<C extends PortConsumers.Consumer> {

    /** A component that uses ports by name. */
    public interface Consumer {
        /** Its configured name. */
        String name();

        /** Whether its configuration is valid (an invalid one holds no name and no port). */
        boolean valid();

        /** The ports its configuration names. */
        Collection<String> portNames();

        void portAdded(Port port);

        /** {@code port} is gone or renamed (it may answer to its new name already). */
        void portRemoved(Port port);
    }

    private final String noun;
    private final String portsKey;
    private final PortRegistry directory;
    private final List<C> consumers = new CopyOnWriteArrayList<>();
    private final PortRegistry.Following following;

    /**
     * @param directory the port directory, followed from now until {@link #deactivate}
     * @param noun what a component is called in messages, e.g. {@code extender}
     * @param portsKey the configuration key that names its ports, e.g. {@code ports}
     */
    protected PortConsumers(PortRegistry directory, String noun, String portsKey) {
        this.noun = noun;
        this.portsKey = portsKey;
        this.directory = directory;
        this.following = directory.follow(new PortListener() {
            @Override
            public void portArrived(Port port) {
                consumers.forEach(c -> c.portAdded(port));
            }

            @Override
            public void portDeparted(Port port) {
                consumers.forEach(c -> c.portRemoved(port));
            }
        });
    }

    /** Stops following the directory. */
    public void deactivate() {
        following.close();
    }

    /** The port that holds that name in the directory, or null. */
    public final Port port(String name) {
        return directory.port(name).orElse(null);
    }

    /** Adds a component; returns why it conflicts with another (same name, or a port in both), or null. */
    public final synchronized String add(C consumer) {
        String conflict = conflict(consumer);
        consumers.add(consumer);
        return conflict;
    }

    public final synchronized void remove(C consumer) {
        consumers.remove(consumer);
    }

    /** Why the component conflicts with another valid one (same name, or a port in both), or null. */
    public final synchronized String conflict(C consumer) {
        for (C other : consumers) {
            if (other == consumer || !other.valid()) {
                continue;
            }
            if (other.name().equals(consumer.name())) {
                return "name: '" + consumer.name() + "' is already used by another " + noun;
            }
            for (String p : consumer.portNames()) {
                if (other.portNames().contains(p)) {
                    return portsKey + ": '" + p + "' already belongs to " + noun + " '" + other.name() + "'";
                }
            }
        }
        return null;
    }

    /** The components, sorted by name. */
    public final List<C> consumers() {
        List<C> sorted = new ArrayList<>(consumers);
        sorted.sort(Comparator.comparing(Consumer::name));
        return sorted;
    }

    public final Optional<C> consumer(String name) {
        return consumers.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
