package org.openevb.evb.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One EVB configuration: hands its checked settings to the EVB service. */
@Component(configurationPid = EvbConfigComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = EvbConfigComponent.class, immediate = true)
@Designate(ocd = EvbConfig.class, factory = true)
public class EvbConfigComponent {

    /** The factory PID of EVB configurations. */
    public static final String PID = "org.openevb.evb";

    private static final Logger LOG = LoggerFactory.getLogger(EvbConfigComponent.class);

    private final EvbServiceImpl service;
    private volatile EvbSettings settings;

    @Activate
    public EvbConfigComponent(@Reference EvbServiceImpl service, EvbConfig config) {
        this.service = service;
        this.settings = check(EvbSettings.from(config));
        service.addConfig(this);
    }

    @Modified
    public void modified(EvbConfig config) {
        this.settings = check(EvbSettings.from(config));
        service.configsChanged();
    }

    @Deactivate
    public void deactivate() {
        service.removeConfig(this);
    }

    EvbSettings settings() {
        return settings;
    }

    private static EvbSettings check(EvbSettings s) {
        if (!s.valid()) {
            LOG.error("EVB configuration for ports '{}' invalid, not used: {}", s.portsText(), String.join("; ", s.errors()));
        }
        return s;
    }
}
