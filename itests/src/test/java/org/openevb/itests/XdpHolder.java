package org.openevb.itests;

import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.codec.Frame;
import org.openevb.driver.xdp.internal.XdpDriver;

/**
 * A process that opens an interface with the xdp driver, says "open" and waits to be killed: for
 * {@link XdpRealFrameIT}'s check that the kernel removes the program when the process dies.
 * Exits by itself after 60 s.
 */
public final class XdpHolder {

    private XdpHolder() {
    }

    public static void main(String[] args) throws Exception {
        Frame frame = new Frame(2048);
        new XdpDriver().open(args[0], new DriverOptions(65535, 1 << 20, 100, true, "evb-rx-held"), new DriverListener() {
            @Override
            public Frame rxFrame() {
                return frame;
            }

            @Override
            public void received(Frame f) {
            }

            @Override
            public void stopped(String reason) {
            }
        });
        System.out.println("open");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
