package org.openevb.port.virtual;

import org.openevb.api.port.PortState;
import org.openevb.codec.Frame;
import org.slf4j.LoggerFactory;

/** A port core for tests: an interface port "up" on eth0, UP, that accepts every send and does nothing with it. */
class UpPort extends PortCore {
    UpPort() {
        super(LoggerFactory.getLogger(UpPort.class));
    }

    @Override public String name() { return "up"; }
    @Override public String interfaceName() { return "eth0"; }
    @Override public String driverName() { return "memory"; }
    @Override public PortState state() { return PortState.UP; }
    @Override public String reason() { return ""; }
    @Override public int mtu() { return 1500; }
    @Override public long macAddress() { return 1; }
    @Override public boolean send(Frame frame) { return true; }
    @Override public String kind() { return "interface"; }
    @Override public String creator() { return "test"; }
}
