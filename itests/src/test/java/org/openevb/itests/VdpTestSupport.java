package org.openevb.itests;

import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.openevb.api.evb.EvbService;
import org.openevb.api.vdp.VdpService;
import org.osgi.service.cm.Configuration;

/**
 * What the VDP tests share: the EVB and VDP services, a lab whose names carry its tag, the
 * configurations a test makes (deleted after it) and the shipped VSI type database (restored
 * after a test replaced it).
 */
public abstract class VdpTestSupport extends KarafTestSupport {

    private static final String TYPES_PID = "org.openevb.vsi.types";

    @Inject
    protected EvbService evb;

    @Inject
    protected VdpService vdp;

    protected NetLab lab;
    protected Configs configs;
    /** The VSI type database's configuration, for a test to replace. */
    protected Configuration types;
    private Hashtable<String, Object> shippedTypes;

    @Before
    public void setUpVdp() throws Exception {
        lab = new NetLab();
        configs = new Configs(configurationAdmin);
        types = configurationAdmin.getConfiguration(TYPES_PID, "?");
        shippedTypes = types.getProperties() == null ? null : Configs.copy(types);
    }

    @After
    public void tearDownVdp() throws Exception {
        try {
            configs.deleteAll();
            if (shippedTypes != null) {
                types.update(shippedTypes);
            }
            Await.until("test ports removed", 15,
                    () -> ports.ports().stream().noneMatch(p -> p.name().endsWith("-" + lab.tag)));
        } finally {
            lab.close();
        }
    }

    /** A name of this test's, e.g. a port's: the role and the lab's tag. */
    protected String name(String role) {
        return role + "-" + lab.tag;
    }
}
