package org.openevb.vdp.internal;

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

/** One station VSI's configuration: hands its checked settings to the VDP service. */
@Component(configurationPid = VsiConfigComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = VsiConfigComponent.class, immediate = true)
@Designate(ocd = VsiConfig.class, factory = true)
public class VsiConfigComponent {

    /** The factory PID of station VSIs. */
    public static final String PID = "org.openevb.vsi";

    private static final Logger LOG = LoggerFactory.getLogger(VsiConfigComponent.class);

    private final VdpServiceImpl service;
    private volatile VsiSettings settings;

    @Activate
    public VsiConfigComponent(@Reference VdpServiceImpl service, VsiConfig config, Map<String, Object> properties) {
        this.service = service;
        this.settings = check(VsiSettings.from(config, properties), properties);
        service.addVsi(this);
    }

    @Modified
    public void modified(VsiConfig config, Map<String, Object> properties) {
        VsiSettings next = VsiSettings.from(config, properties);
        if (!next.valid() && settings.valid()) {
            // an empty or half-written file must not de-associate a running VSI: the last good one stays
            LOG.error("VSI '{}': {}", settings.name(), ConfigFiles.keptLastGood(properties, next.errors()));
            return;
        }
        this.settings = check(next, properties);
        service.vsisChanged();
    }

    @Deactivate
    public void deactivate() {
        service.removeVsi(this);
    }

    VsiSettings settings() {
        return settings;
    }

    private static VsiSettings check(VsiSettings s, Map<String, Object> properties) {
        if (!s.valid()) {
            LOG.error("VSI '{}' not used: {}", s.name(), ConfigFiles.invalid(properties, s.errors()));
        }
        return s;
    }
}
