package org.openevb.lldp.internal;

import java.util.Map;
import org.openevb.api.config.LastGoodSettings;
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
    private final LastGoodSettings<LldpSettings> settings;

    @Activate
    public LldpConfigComponent(@Reference LldpServiceImpl service, LldpConfig config, Map<String, Object> properties) {
        this.service = service;
        this.settings = new LastGoodSettings<>(LldpSettings.from(config), properties,
                problem -> LOG.error("LLDP configuration: {}", problem));
        service.addConfig(this);
    }

    @Modified
    public void modified(LldpConfig config, Map<String, Object> properties) {
        if (settings.offer(LldpSettings.from(config), properties)) {
            service.reconcile();
        }
    }

    @Deactivate
    public void deactivate() {
        service.removeConfig(this);
    }

    LldpSettings settings() {
        return settings.current();
    }
}
