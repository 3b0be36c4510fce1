package org.openevb.shell.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.codec.MacAddress;

/** The JSON shape of ports, shared by every command that prints ports with --json. */
final class PortJson {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private PortJson() {
    }

    static String toJson(Object value) {
        return GSON.toJson(value);
    }

    static List<Map<String, Object>> ports(List<Port> ports) {
        return ports.stream().map(PortJson::port).toList();
    }

    static Map<String, Object> port(Port port) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", port.name());
        m.put("interface", port.interfaceName());
        m.put("driver", port.driverName());
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
}
