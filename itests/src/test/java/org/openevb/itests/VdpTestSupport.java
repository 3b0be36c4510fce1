package org.openevb.itests;

import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.openevb.api.evb.EvbService;
import org.openevb.api.vdp.VdpService;
import org.osgi.service.cm.Configuration;

/**
 * What the VDP tests share besides their lab: the EVB and VDP services, and the shipped VSI type
 * database (restored after a test replaced it).
 */
public abstract class VdpTestSupport extends LabTestSupport {

    private static final String TYPES_PID = "org.openevb.vsi.types";

    @Inject
    protected EvbService evb;

    @Inject
    protected VdpService vdp;

    /** The VSI type database's configuration, for a test to replace. */
    protected Configuration types;
    private Hashtable<String, Object> shippedTypes;

    @Before
    public void keepShippedTypes() throws Exception {
        // Karaf reads the shipped file in its first seconds: a test that replaced the database
        // before that would see its types overwritten by the file, and its VSIs refused
        Await.until("the shipped VSI type database read", 30, this::shippedTypesRead);
        types = configurationAdmin.getConfiguration(TYPES_PID, "?");
        shippedTypes = Configs.copy(types);
    }

    private boolean shippedTypesRead() {
        try {
            return configurationAdmin.getConfiguration(TYPES_PID, "?").getProperties() != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * What the EVB TLV, ECP and VDP show on every port, and the VSI type database, for a wait on an association to report
     * when it times out.
     */
    protected String vdpState() {
        StringBuilder shown = new StringBuilder();
        for (String command : new String[] {"evb:evb-show", "evb:ecp-show", "evb:vsi-list", "evb:lldp-neighbours",
            "config:list '(service.pid=" + TYPES_PID + ")'"}) {
            shown.append("--- ").append(command).append('\n');
            try {
                shown.append(execute(command));
            } catch (Exception e) {
                shown.append(e).append('\n');
            }
        }
        return shown.toString();
    }

    // runs before the lab's tear-down (JUnit runs a subclass's @After methods first)
    @After
    public void restoreShippedTypes() throws Exception {
        if (shippedTypes != null) {
            types.update(shippedTypes);
        }
    }
}
