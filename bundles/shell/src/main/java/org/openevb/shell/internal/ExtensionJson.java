package org.openevb.shell.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openevb.api.extension.CascadeView;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.ExtendedPortView;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.PortExtender;
import org.openevb.api.extension.ReplicationGroupView;

/** The JSON shapes of port extenders, controlling bridges, extended ports and replication groups. */
final class ExtensionJson {
    private ExtensionJson() {
    }

    static Map<String, Object> extender(PortExtender e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("status", e.status().name());
        m.put("reason", e.reason());
        m.put("upstream", cascade(e.upstream()));
        m.put("ports", e.ports().stream().map(ExtensionJson::port).toList());
        m.put("groups", e.groups().stream().map(ExtensionJson::group).toList());
        return m;
    }

    static Map<String, Object> bridge(ControllingBridge b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("status", b.status().name());
        m.put("reason", b.reason());
        m.put("cascades", b.cascades().stream().map(ExtensionJson::cascade).toList());
        m.put("extendedPorts", b.extendedPorts().stream().map(ExtensionJson::port).toList());
        m.put("groups", b.groups().stream().map(ExtensionJson::group).toList());
        return m;
    }

    static Map<String, Object> cascade(CascadeView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("port", c.port());
        m.put("format", c.format().key());
        m.put("state", c.state());
        m.put("rxFrames", c.rxFrames());
        m.put("txFrames", c.txFrames());
        m.put("drops", c.drops().values().stream().mapToLong(Long::longValue).sum());
        m.put("dropsByReason", drops(c.drops()));
        return m;
    }

    static Map<String, Long> drops(Map<ExtensionDropReason, Long> drops) {
        Map<String, Long> m = new LinkedHashMap<>();
        drops.forEach((r, n) -> m.put(r.key(), n));
        return m;
    }

    static Map<String, Object> port(ExtendedPortView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("owner", p.owner());
        m.put("carrier", p.carrier());
        m.put("format", p.format().key());
        m.put("kind", p.kind());
        m.put("id", p.id());
        m.put("range", p.range());
        m.put("state", p.state());
        m.put("rxFrames", p.rxFrames());
        m.put("rxBytes", p.rxBytes());
        m.put("txFrames", p.txFrames());
        m.put("txBytes", p.txBytes());
        m.put("pruned", p.pruned());
        return m;
    }

    static Map<String, Object> group(ReplicationGroupView g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("owner", g.owner());
        m.put("carrier", g.carrier());
        m.put("format", g.format().key());
        m.put("id", g.id());
        m.put("idHex", String.format("0x%04x", g.id()));
        m.put("members", g.members());
        m.put("frames", g.frames());
        m.put("pruned", g.pruned());
        return m;
    }

    /** An E-CID or vif as the operator wrote it: groups of E-Tag in hex. */
    static String id(int id, boolean group) {
        return group && id >= 0x1000 ? String.format("0x%04x", id) : Integer.toString(id);
    }

}
