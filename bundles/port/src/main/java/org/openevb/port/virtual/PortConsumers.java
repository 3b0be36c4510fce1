package org.openevb.port.virtual;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openevb.api.port.Port;

/**
 * The registry of one kind of component that uses ports by name (port extenders, controlling
 * bridges): it follows every port as it comes and goes and tells the components, and keeps names
 * and ports unique among the components' valid configurations. A subclass is the OSGi component:
 * it declares the port reference and calls {@link #portAdded} and {@link #portRemoved}.
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

        void portRemoved(Port port);
    }

    private final String noun;
    private final String portsKey;
    private final Map<String, Port> ports = new ConcurrentHashMap<>();
    private final List<C> consumers = new CopyOnWriteArrayList<>();

    /**
     * @param noun what a component is called in messages, e.g. {@code extender}
     * @param portsKey the configuration key that names its ports, e.g. {@code ports}
     */
    protected PortConsumers(String noun, String portsKey) {
        this.noun = noun;
        this.portsKey = portsKey;
    }

    protected final void portAdded(Port port) {
        ports.put(port.name(), port);
        consumers.forEach(c -> c.portAdded(port));
    }

    protected final void portRemoved(Port port) {
        ports.remove(port.name(), port);
        consumers.forEach(c -> c.portRemoved(port));
    }

    /** The port of that name, or null. */
    public final Port port(String name) {
        return ports.get(name);
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
