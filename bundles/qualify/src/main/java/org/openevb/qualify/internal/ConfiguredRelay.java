package org.openevb.qualify.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Pattern;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.bridge.PortRole;
import org.openevb.api.config.ConfigSyntax;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.qualify.QualifyException;
import org.openevb.codec.Frame;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * This platform's edge relay as P4's station, driven as its operator would: the EVB configuration
 * naming the uplink ({@code reflective.relay}), the LLDP configuration naming it
 * ({@code admin.status}; one is made for the run when there is none), and VM frames through
 * {@link Bridge#receiveAs}. It refuses, before anything changes, a relay that is not in mode
 * {@code auto}, a port that is not its uplink, fewer than two VM ports UP, and configurations that
 * name other ports too (changing them would change those ports' stations).
 */
final class ConfiguredRelay implements RelayControl {

    static final String EVB_PID = "org.openevb.evb";
    static final String LLDP_PID = "org.openevb.lldp";

    private final Bridge bridge;
    private final String uplink;
    private final String vmIn;
    private final String vmOut;
    private final ConfigurationAdmin admin;
    private final Configuration evb;
    private final Dictionary<String, Object> evbOriginal;
    /** The LLDP configuration naming the uplink, or null (one is made while LLDP is to stop). */
    private final Configuration lldp;
    private final Dictionary<String, Object> lldpOriginal;
    private Configuration lldpMade;
    private boolean evbChanged;
    private boolean lldpChanged;
    private final Frame frame = new Frame(2048);

    private ConfiguredRelay(Bridge bridge, String uplink, String vmIn, String vmOut, ConfigurationAdmin admin,
                            Configuration evb, Configuration lldp) {
        this.bridge = bridge;
        this.uplink = uplink;
        this.vmIn = vmIn;
        this.vmOut = vmOut;
        this.admin = admin;
        this.evb = evb;
        this.evbOriginal = copy(evb.getProperties());
        this.lldp = lldp;
        this.lldpOriginal = lldp == null ? null : copy(lldp.getProperties());
    }

    /**
     * The relay named, with {@code port} its uplink, checked: refused with the reason when it
     * cannot be P4's station. Nothing is changed yet.
     */
    static ConfiguredRelay open(String name, String port, BridgeRegistry bridges, PortRegistry ports, ConfigurationAdmin admin)
            throws QualifyException {
        if (bridges == null) {
            throw new QualifyException("--relay: no bridges here (feature openevb-bridge)");
        }
        if (admin == null) {
            throw new QualifyException("--relay: ConfigAdmin is not running, the relay's station cannot be told what to do");
        }
        Bridge b = bridges.bridge(name).orElseThrow(() -> new QualifyException("--relay: no bridge named '" + name + "'"));
        if (!"auto".equals(b.modeName())) {
            throw new QualifyException("--relay: bridge '" + name + "' is in mode '" + b.modeName()
                    + "', not auto: P4 with a relay needs an edge relay that follows the switch's grant");
        }
        List<BridgePortView> views = b.ports();
        String up = views.stream().filter(v -> v.role() == PortRole.UPLINK).map(BridgePortView::name).findFirst().orElse("");
        if (!up.equals(port)) {
            throw new QualifyException("--relay: port '" + port + "' is not the uplink of relay '" + name + "'"
                    + (up.isEmpty() ? " (it has none)" : " (its uplink is '" + up + "')"));
        }
        List<String> vms = new ArrayList<>();
        for (BridgePortView v : views) {
            if (v.role() == PortRole.VSI && "UP".equals(v.state())) {
                vms.add(v.name());
            }
        }
        if (vms.size() < 2) {
            throw new QualifyException("--relay: relay '" + name + "' needs two VM ports UP for P4's VM-to-VM frames; it has "
                    + (vms.isEmpty() ? "none" : vms));
        }
        Configuration evb = only(admin, EVB_PID, port, ports, "EVB");
        if (evb == null) {
            throw new QualifyException("--relay: no EVB configuration names port '" + port + "': the relay has no station");
        }
        Object role = evb.getProperties().get("role");
        if (role != null && !"station".equals(String.valueOf(role).trim())) {
            throw new QualifyException("--relay: the EVB configuration of port '" + port + "' is in role '" + role
                    + "', not station");
        }
        Configuration lldp = only(admin, LLDP_PID, port, ports, "LLDP");
        if (lldp != null) {
            Object status = lldp.getProperties().get("admin.status");
            String s = status == null ? "rxtx" : String.valueOf(status).trim();
            if (!s.equals("rxtx")) {
                throw new QualifyException("--relay: LLDP on port '" + port + "' is '" + s + "' (admin.status), not rxtx: "
                        + "the relay's station cannot negotiate");
            }
        }
        return new ConfiguredRelay(b, port, vms.get(0), vms.get(1), admin, evb, lldp);
    }

    /**
     * The one configuration of {@code factoryPid} whose {@code ports} match {@code port}, or null;
     * refused when there are several, or when it matches other ports too.
     */
    private static Configuration only(ConfigurationAdmin admin, String factoryPid, String port, PortRegistry ports, String what)
            throws QualifyException {
        Configuration[] all;
        try {
            all = admin.listConfigurations("(service.factoryPid=" + factoryPid + ")");
        } catch (IOException | InvalidSyntaxException e) {
            throw new QualifyException("--relay: cannot read the " + what + " configurations: " + e.getMessage());
        }
        Configuration found = null;
        for (Configuration c : all == null ? new Configuration[0] : all) {
            Dictionary<String, Object> p = c.getProperties();
            List<Pattern> globs = ConfigSyntax.globs(p == null || p.get("ports") == null ? "" : String.valueOf(p.get("ports")));
            if (globs.stream().noneMatch(g -> g.matcher(port).matches())) {
                continue;
            }
            if (found != null) {
                throw new QualifyException("--relay: port '" + port + "' is named by more than one " + what
                        + " configuration (" + found.getPid() + ", " + c.getPid() + ")");
            }
            List<String> others = new ArrayList<>();
            for (Port other : ports.ports()) {
                if (!other.name().equals(port) && globs.stream().anyMatch(g -> g.matcher(other.name()).matches())) {
                    others.add(other.name());
                }
            }
            if (!others.isEmpty()) {
                throw new QualifyException("--relay: the " + what + " configuration of port '" + port + "' (" + c.getPid()
                        + ") names other ports too " + others + ": give the uplink its own, so the run changes no other port");
            }
            found = c;
        }
        return found;
    }

    @Override
    public String name() {
        return bridge.name();
    }

    @Override
    public String uplink() {
        return uplink;
    }

    @Override
    public String vmIn() {
        return vmIn;
    }

    @Override
    public String vmOut() {
        return vmOut;
    }

    @Override
    public String behaviour() {
        return bridge.behaviour();
    }

    @Override
    public boolean receiveAs(String port, byte[] bytes) {
        frame.copyFrom(bytes, 0, bytes.length);
        return bridge.receiveAs(port, frame);
    }

    @Override
    public void askReflectiveRelay(boolean ask) throws IOException {
        Dictionary<String, Object> p = copy(evb.getProperties());
        p.put("reflective.relay", String.valueOf(ask));
        evbChanged = true;
        evb.update(p);
    }

    @Override
    public void lldpTransmit(boolean transmit) throws IOException {
        if (lldp != null) {
            Dictionary<String, Object> p = copy(lldp.getProperties());
            Object original = lldpOriginal.get("admin.status");
            if (transmit && original == null) {
                p.remove("admin.status");
            } else {
                p.put("admin.status", transmit ? String.valueOf(original) : "rx");
            }
            lldpChanged = true;
            lldp.update(p);
        } else if (!transmit && lldpMade == null) {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("ports", uplink);
            p.put("addresses", "");
            p.put("admin.status", "rx");
            lldpMade = admin.createFactoryConfiguration(LLDP_PID, "?");
            lldpMade.update(p);
        } else if (transmit && lldpMade != null) {
            Configuration made = lldpMade;
            lldpMade = null;
            made.delete();
        }
    }

    @Override
    public String restore() {
        List<String> done = new ArrayList<>();
        if (evbChanged) {
            done.add(apply("EVB configuration " + evb.getPid() + " restored", () -> evb.update(evbOriginal)));
            evbChanged = false;
        }
        if (lldpMade != null) {
            Configuration made = lldpMade;
            lldpMade = null;
            done.add(apply("the run's LLDP configuration " + made.getPid() + " deleted", made::delete));
        }
        if (lldpChanged) {
            done.add(apply("LLDP configuration " + lldp.getPid() + " restored", () -> lldp.update(lldpOriginal)));
            lldpChanged = false;
        }
        return String.join("; ", done);
    }

    private interface Change {
        void run() throws IOException;
    }

    private static String apply(String what, Change change) {
        try {
            change.run();
            return what;
        } catch (IOException | RuntimeException e) {
            return "NOT " + what + ": " + e.getMessage();
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> h = new Hashtable<>();
        if (d != null) {
            for (String k : Collections.list(d.keys())) {
                h.put(k, d.get(k));
            }
        }
        return h;
    }
}
