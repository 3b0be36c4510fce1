package org.openevb.shell.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.FdbEntry;
import org.openevb.api.bridge.FdbStats;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.codec.MacAddress;

/** The JSON shapes of ports and bridges, shared by every command that prints with --json. */
final class Json {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Json() {
    }

    static String toJson(Object value) {
        return GSON.toJson(value);
    }

    static List<Map<String, Object>> ports(List<Port> ports) {
        return ports.stream().map(Json::port).toList();
    }

    static Map<String, Object> port(Port port) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", port.name());
        m.put("interface", port.interfaceName());
        m.put("driver", port.driverName());
        m.put("kind", port.kind());
        m.put("creator", port.creator());
        m.put("owner", port.owner());
        m.put("state", port.state().name());
        m.put("reason", port.reason());
        m.put("mtu", port.mtu());
        m.put("mac", port.macAddress() < 0 ? null : MacAddress.format(port.macAddress()));
        m.put("counters", counters(port.counters()));
        return m;
    }

    static Map<String, Object> counters(PortCounters c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rxFrames", c.rxFrames());
        m.put("rxBytes", c.rxBytes());
        m.put("txFrames", c.txFrames());
        m.put("txBytes", c.txBytes());
        m.put("drops", c.totalDrops());
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            byReason.put(r.key(), c.drops(r));
        }
        m.put("dropsByReason", byReason);
        m.put("kernelDrops", c.kernelDrops());
        return m;
    }

    static Map<String, Object> bridge(Bridge bridge, boolean details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", bridge.name());
        m.put("mode", bridge.modeName());
        m.put("behaviour", bridge.behaviour());
        m.put("status", bridge.status().name());
        m.put("reason", bridge.reason());
        m.put("modeChanges", bridge.modeChanges());
        Map<String, Long> drops = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<BridgeDropReason, Long> e : bridge.drops().entrySet()) {
            drops.put(e.getKey().key(), e.getValue());
            total += e.getValue();
        }
        m.put("drops", total);
        m.put("dropsByReason", drops);
        FdbStats f = bridge.fdbStats();
        Map<String, Object> fdb = new LinkedHashMap<>();
        fdb.put("entries", f.entries());
        fdb.put("maxEntries", f.maxEntries());
        fdb.put("learned", f.learned());
        fdb.put("moves", f.moves());
        fdb.put("refusedFull", f.refusedFull());
        fdb.put("aged", f.aged());
        m.put("fdb", fdb);
        if (details) {
            m.put("ports", bridge.ports().stream().map(Json::bridgePort).toList());
        } else {
            m.put("ports", bridge.ports().stream().map(BridgePortView::name).toList());
        }
        return m;
    }

    static Map<String, Object> bridgePort(BridgePortView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("role", p.role().name().toLowerCase(java.util.Locale.ROOT));
        m.put("state", p.state());
        m.put("pvid", p.pvid());
        m.put("vlans", p.vlans());
        m.put("untagged", p.untagged());
        m.put("reflectiveRelay", p.reflectiveRelay());
        m.put("reflectiveRelaySource", p.reflectiveRelaySource());
        m.put("peerReflectiveRelay", p.peerReflectiveRelay());
        m.put("rxFrames", p.rxFrames());
        m.put("txFrames", p.txFrames());
        return m;
    }

    static Map<String, Object> fdbEntry(FdbEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vlan", e.vid());
        m.put("mac", MacAddress.format(e.mac()));
        m.put("port", e.port());
        m.put("static", e.isStatic());
        m.put("ageSeconds", e.ageSeconds());
        return m;
    }
}
