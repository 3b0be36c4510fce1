package org.openevb.acl.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openevb.api.config.ConfigFiles;
import org.openevb.api.policy.AclRuleView;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.AclStatus;
import org.openevb.api.policy.AclView;
import org.openevb.api.policy.PacketFilter;
import org.openevb.api.view.ThreadOwnedCounter;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every ACL by name. A valid configuration is compiled and swapped into its name's filter in one
 * write; an invalid one changes nothing that runs (the last valid rule set keeps applying, or none
 * when there never was one) and puts the ACL in ERROR with the file, key, rule and reason. A
 * rule's counter is kept while the rule (number and text) stays the same.
 */
@Component(service = {AclService.class, AclRegistry.class}, immediate = true)
public class AclRegistry implements AclService {

    private static final Logger LOG = LoggerFactory.getLogger(AclRegistry.class);

    private final Map<String, AclFilter> filters = new ConcurrentHashMap<>();
    private final Map<Object, Entry> entries = new LinkedHashMap<>();

    /** What one configuration is now. */
    private static final class Entry {
        /** The name its newest configuration gives, or the last valid one's when it gives none. */
        String name = "";
        /** The valid settings it runs, null when none. */
        AclSettings applied;
        AclStatus status = AclStatus.ERROR;
        String reason = "";
        Map<String, ThreadOwnedCounter> ruleCounters = new HashMap<>();
        ThreadOwnedCounter defaultCounter = new ThreadOwnedCounter();
    }

    @Override
    public PacketFilter filter(String name) {
        return filters.computeIfAbsent(name, AclFilter::new);
    }

    /** A configuration, new or changed, of {@code owner} (one per configuration), as its keys. */
    public void configure(Object owner, Map<String, ?> properties) {
        configure(owner, AclSettings.from(properties), properties);
    }

    /** A configuration, new or changed, of {@code owner} (one per configuration). */
    synchronized void configure(Object owner, AclSettings settings, Map<String, ?> properties) {
        Entry e = entries.computeIfAbsent(owner, o -> new Entry());
        if (!settings.valid()) {
            e.status = AclStatus.ERROR;
            e.reason = e.applied != null ? ConfigFiles.keptLastGood(properties, settings.errors())
                    : ConfigFiles.invalid(properties, settings.errors());
            if (e.applied == null && !settings.name().isEmpty()) {
                e.name = settings.name();
            }
            LOG.error("ACL '{}': {}", e.name, e.reason);
            return;
        }
        for (Map.Entry<Object, Entry> other : entries.entrySet()) {
            if (other.getKey() != owner && other.getValue().applied != null
                    && other.getValue().name.equals(settings.name())) {
                e.status = AclStatus.ERROR;
                if (e.applied == null) {
                    e.name = settings.name();
                }
                e.reason = "name '" + settings.name() + "' is already used by another ACL configuration"
                        + (e.applied != null ? ": running the last good configuration" : "");
                LOG.error("ACL '{}' ({}): {}", settings.name(), ConfigFiles.source(properties), e.reason);
                return;
            }
        }
        if (e.applied != null && !e.applied.name().equals(settings.name())) {
            release(e); // renamed: the old name has no rule set any more
        }
        Map<String, ThreadOwnedCounter> kept = new HashMap<>();
        List<AclRule> rules = settings.rules();
        ThreadOwnedCounter[] counters = new ThreadOwnedCounter[rules.size()];
        for (int i = 0; i < counters.length; i++) {
            String key = rules.get(i).id() + " " + rules.get(i).text();
            ThreadOwnedCounter c = e.ruleCounters.get(key);
            counters[i] = c != null ? c : new ThreadOwnedCounter();
            kept.put(key, counters[i]);
        }
        if (e.applied != null && e.applied.defaultPermit() != settings.defaultPermit()) {
            e.defaultCounter = new ThreadOwnedCounter();
        }
        e.ruleCounters = kept;
        ((AclFilter) filter(settings.name())).table(new CompiledAcl(settings, counters, e.defaultCounter));
        e.applied = settings;
        e.name = settings.name();
        e.status = AclStatus.ACTIVE;
        e.reason = "";
        LOG.info("ACL '{}': {} rules, default {}, from {}", settings.name(), rules.size(),
                settings.defaultPermit() ? "permit" : "deny", ConfigFiles.source(properties));
    }

    /** The configuration of {@code owner} is gone: its name has no rule set any more. */
    public synchronized void remove(Object owner) {
        Entry e = entries.remove(owner);
        if (e != null && e.applied != null) {
            release(e);
            LOG.info("ACL '{}' removed", e.name);
        }
    }

    private void release(Entry e) {
        AclFilter f = filters.get(e.applied.name());
        if (f != null) {
            f.table(null);
        }
        e.applied = null;
    }

    @Override
    public synchronized List<AclView> acls() {
        List<AclView> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            out.add(view(e));
        }
        out.sort(Comparator.comparing(AclView::name));
        return out;
    }

    @Override
    public synchronized Optional<AclView> acl(String name) {
        return entries.values().stream().filter(e -> e.name.equals(name)).map(this::view)
                .min(Comparator.comparing(v -> v.status() == AclStatus.ACTIVE ? 0 : 1));
    }

    @Override
    public String checkRule(String rule) {
        try {
            RuleParser.parse(1, rule);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private AclView view(Entry e) {
        List<AclRuleView> rules = new ArrayList<>();
        String defaultAction = "";
        long defaultFrames = 0;
        if (e.applied != null) {
            for (AclRule r : e.applied.rules()) {
                ThreadOwnedCounter c = e.ruleCounters.get(r.id() + " " + r.text());
                rules.add(new AclRuleView(r.id(), r.action().key(), r.text(), c == null ? 0 : c.sum()));
            }
            defaultAction = e.applied.defaultPermit() ? "permit" : "deny";
            defaultFrames = e.defaultCounter.sum();
        }
        return new AclView(e.name, e.status, e.reason, defaultAction, defaultFrames, List.copyOf(rules));
    }
}
