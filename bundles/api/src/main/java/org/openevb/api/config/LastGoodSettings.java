package org.openevb.api.config;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The settings a configured component runs with, under the rule every such component follows:
 * a new configuration replaces the settings unless it is invalid while the component works with
 * what it has. Karaf may hand a component an empty or half-written file (read while someone was
 * writing it); that must not take down what runs. The component then keeps its last good
 * settings, and {@link #problem()} says which file is wrong and why.
 *
 * <p>Reads are a volatile read each; {@link #offer} is called from the component's configuration
 * callbacks, which DS does not run concurrently for one component.
 */
public final class LastGoodSettings<S extends CheckedSettings> {

    private static final Consumer<String> NOT_REPORTED = problem -> { };

    private final Consumer<String> report;
    private volatile S current;
    private volatile String problem;

    /** Starts with {@code first}, valid or not; {@code properties} name the file it came from. */
    public LastGoodSettings(S first, Map<String, ?> properties) {
        this(first, properties, NOT_REPORTED);
    }

    /**
     * Starts with {@code first}, and hands every {@link #problem()} to {@code report} when it
     * arises (the component's log), this one's included.
     */
    public LastGoodSettings(S first, Map<String, ?> properties, Consumer<String> report) {
        this.report = report;
        this.current = first;
        this.problem = first.valid() ? "" : ConfigFiles.invalid(properties, first.errors());
        reportProblem();
    }

    /** The settings in use: the newest configuration's, or the last good ones. */
    public S current() {
        return current;
    }

    /**
     * Why the newest configuration is not what runs, for a status and the log; "" when it runs.
     * Either it is invalid and nothing runs ({@link ConfigFiles#invalid}), or it is invalid and
     * the last good settings run ({@link ConfigFiles#keptLastGood}).
     */
    public String problem() {
        return problem;
    }

    /**
     * Takes {@code next} unless it is invalid while the component is {@code working} with the
     * current settings.
     *
     * @param working whether the component runs with the current settings (a component with
     *     invalid settings, or one in error, has nothing to keep)
     * @param properties the new configuration's properties, to name its file in {@link #problem()}
     * @return true if {@code next} is now current, false if the last good settings stay
     */
    public boolean offer(S next, boolean working, Map<String, ?> properties) {
        if (!next.valid() && working) {
            problem = ConfigFiles.keptLastGood(properties, next.errors());
            reportProblem();
            return false;
        }
        current = next;
        problem = next.valid() ? "" : ConfigFiles.invalid(properties, next.errors());
        reportProblem();
        return true;
    }

    /** {@link #offer(CheckedSettings, boolean, Map)}, where working means the current settings are valid. */
    public boolean offer(S next, Map<String, ?> properties) {
        return offer(next, current.valid(), properties);
    }

    private void reportProblem() {
        if (!problem.isEmpty()) {
            report.accept(problem);
        }
    }
}
