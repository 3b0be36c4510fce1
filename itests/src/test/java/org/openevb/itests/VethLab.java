package org.openevb.itests;

import java.io.IOException;
import java.util.List;

/**
 * The simplest real-frame topology: one veth pair, the platform's port on the host end, the
 * other end in a fresh namespace as the "wire".
 */
final class VethLab implements AutoCloseable {

    final String namespace;
    final String hostInterface;
    final String peerInterface = "wire0";
    private final NetLab lab;
    private final int mtu;

    private VethLab(NetLab lab, int mtu) {
        this.lab = lab;
        this.mtu = mtu;
        this.namespace = lab.namespace("wire");
        this.hostInterface = lab.hostName("h");
    }

    static VethLab create(int mtu) throws IOException {
        NetLab lab = new NetLab();
        try {
            VethLab v = new VethLab(lab, mtu);
            v.recreate();
            return v;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    /** Creates the veth pair (again, after {@link #removeHostEnd()}: a hot-plugged interface). */
    void recreate() {
        lab.veth(hostInterface, namespace, peerInterface, mtu, null);
    }

    /** Deletes the veth pair (both ends go). */
    void removeHostEnd() {
        lab.deleteLink(hostInterface);
    }

    /** Takes the namespace end down or up: the host end loses its carrier while it is down. */
    void setPeerUp(boolean up) {
        lab.in(namespace, "ip", "link", "set", "dev", peerInterface, up ? "up" : "down");
    }

    /** Sends frames, byte for byte, from the namespace end. */
    void inject(List<byte[]> frames) throws IOException, InterruptedException {
        lab.inject(namespace, peerInterface, frames);
    }

    /** Captures frames arriving at the namespace end. */
    NetLab.Capture capture(int count) throws IOException {
        return lab.capture(namespace, peerInterface, count, true, "");
    }

    @Override
    public void close() {
        lab.close();
    }
}
