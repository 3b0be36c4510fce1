package org.openevb.vdp.internal;

import java.util.Map;
import org.openevb.api.config.ConfigFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's VSI type database, {@code etc/org.openevb.vsi.types.cfg}: hands it to the VDP
 * service. Its keys are dynamic (one per type and version), so they are read from the properties.
 */
@Component(configurationPid = VsiTypesComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = VsiTypesComponent.class, immediate = true)
public class VsiTypesComponent {

    /** The PID of the type database. */
    public static final String PID = "org.openevb.vsi.types";

    private static final Logger LOG = LoggerFactory.getLogger(VsiTypesComponent.class);

    private final VdpServiceImpl service;
    private VsiTypesSettings settings;

    @Activate
    public VsiTypesComponent(@Reference VdpServiceImpl service, Map<String, Object> properties) {
        this.service = service;
        modified(properties);
    }

    @Modified
    public void modified(Map<String, Object> properties) {
        VsiTypesSettings next = VsiTypesSettings.from(properties);
        if (!next.valid()) {
            if (settings != null) {
                // a half-written file must not refuse every VSI: the last good database stays
                LOG.error("VSI type database: {}", ConfigFiles.keptLastGood(properties, next.errors()));
            } else {
                LOG.error("VSI type database not used: {}", ConfigFiles.invalid(properties, next.errors()));
            }
            return;
        }
        settings = next;
        LOG.info("VSI type database: {} type versions, {} VSIs per port", next.database().types().size(),
                next.database().vsisPerPort());
        service.types(next.database());
    }

    @Deactivate
    public void deactivate() {
        service.types(VsiTypesSettings.EMPTY.database());
    }
}
