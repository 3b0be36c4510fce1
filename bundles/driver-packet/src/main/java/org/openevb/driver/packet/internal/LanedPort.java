package org.openevb.driver.packet.internal;

import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverHandle;
import org.openevb.codec.Frame;

/**
 * An interface opened with several receive lanes: one {@link PacketPort} per lane, their
 * receive sockets in one fanout group, so the kernel hands each flow to one lane. The first lane
 * sends for all (the others have no send socket); drops and health are the lanes' together.
 */
final class LanedPort implements DriverHandle {

    private final PacketPort[] lanes;

    LanedPort(PacketPort[] lanes) {
        this.lanes = lanes.clone();
    }

    @Override
    public void send(Frame frame) throws DriverException {
        lanes[0].send(frame);
    }

    @Override
    public int mtu() {
        return lanes[0].mtu();
    }

    @Override
    public long macAddress() {
        return lanes[0].macAddress();
    }

    @Override
    public void setLinkUp(boolean up) throws DriverException {
        for (PacketPort lane : lanes) {
            lane.markLink(up);
        }
        try {
            LinkFlags.setUp(lanes[0].interfaceName(), up);
        } catch (DriverException e) {
            for (PacketPort lane : lanes) {
                lane.markLink(true); // not down by our doing
            }
            throw e;
        }
        for (PacketPort lane : lanes) {
            lane.markLink(up);
        }
    }

    @Override
    public boolean hasCarrier() {
        return lanes[0].hasCarrier(); // one interface: one carrier
    }

    @Override
    public String health() {
        for (PacketPort lane : lanes) {
            String why = lane.health();
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    @Override
    public long kernelDrops() {
        long sum = 0;
        for (PacketPort lane : lanes) {
            sum += lane.kernelDrops();
        }
        return sum;
    }

    @Override
    public void close() {
        for (PacketPort lane : lanes) {
            lane.close();
        }
    }
}
