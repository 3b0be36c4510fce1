package org.openevb.itests;

import org.junit.After;
import org.junit.Before;

/**
 * A test with a lab of its own: namespaces and veths whose names carry the lab's tag, and the
 * configurations it makes. After each test the configurations go (newest first), the platform's
 * ports of this lab are awaited gone, and the lab is removed, also when the test failed.
 */
public abstract class LabTestSupport extends KarafTestSupport {

    protected NetLab lab;
    protected Configs configs;

    @Before
    public void setUpLab() throws Exception {
        lab = new NetLab();
        configs = new Configs(configurationAdmin);
    }

    @After
    public void tearDownLab() throws Exception {
        try {
            configs.deleteAll();
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
