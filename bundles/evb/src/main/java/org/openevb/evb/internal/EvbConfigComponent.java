package org.openevb.evb.internal;

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

/** One EVB configuration: hands its checked settings to the EVB service. */
@Component(configurationPid = EvbConfigComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = EvbConfigComponent.class, immediate = true)
@Designate(ocd = EvbConfig.class, factory = true)
public class EvbConfigComponent {

    /** The factory PID of EVB configurations. */
    public static final String PID = "org.openevb.evb";

    private static final Logger LOG = LoggerFactory.getLogger(EvbConfigComponent.class);

    private final EvbServiceImpl service;
    private final LastGoodSettings<EvbSettings> settings;

    @Activate
    public EvbConfigComponent(@Reference EvbServiceImpl service, EvbConfig config, Map<String, Object> properties) {
        this.service = service;
        this.settings = new LastGoodSettings<>(EvbSettings.from(config), properties,
                problem -> LOG.error("EVB configuration: {}", problem));
        service.addConfig(this);
    }

    @Modified
    public void modified(EvbConfig config, Map<String, Object> properties) {
        if (settings.offer(EvbSettings.from(config), properties)) {
            service.configsChanged();
        }
    }

    @Deactivate
    public void deactivate() {
        service.removeConfig(this);
    }

    EvbSettings settings() {
        return settings.current();
    }
}
