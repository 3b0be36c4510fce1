package org.openevb.lldp.internal;

import java.util.Map;
import org.openevb.api.config.ConfigFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One LLDP configuration: hands its checked settings to the LLDP service, which runs the agents. */
@Component(configurationPid = LldpConfigComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = LldpConfigComponent.class, immediate = true)
@Designate(ocd = LldpConfig.class, factory = true)
public class LldpConfigComponent {

    /** The factory PID of LLDP configurations. */
    public static final String PID = "org.openevb.lldp";

    private static final Logger LOG = LoggerFactory.getLogger(LldpConfigComponent.class);

    private final LldpServiceImpl service;
    private volatile LldpSettings settings;

    @Activate
    public LldpConfigComponent(@Reference LldpServiceImpl service, LldpConfig config, Map<String, Object> properties) {
        this.service = service;
        this.settings = check(LldpSettings.from(config), properties);
        service.addConfig(this);
    }

    @Modified
    public void modified(LldpConfig config, Map<String, Object> properties) {
        LldpSettings next = LldpSettings.from(config);
        if (!next.valid() && settings.valid()) {
            // an empty or half-written file must not stop what runs: the last good settings stay
            LOG.error("LLDP configuration for ports '{}': {}", settings.portsText(),
                    ConfigFiles.keptLastGood(properties, next.errors()));
            return;
        }
        this.settings = check(next, properties);
        service.reconcile();
    }

    @Deactivate
    public void deactivate() {
        service.removeConfig(this);
    }

    LldpSettings settings() {
        return settings;
    }

    private static LldpSettings check(LldpSettings s, Map<String, Object> properties) {
        if (!s.valid()) {
            LOG.error("LLDP configuration for ports '{}' not used: {}", s.portsText(), ConfigFiles.invalid(properties, s.errors()));
        }
        return s;
    }
}
