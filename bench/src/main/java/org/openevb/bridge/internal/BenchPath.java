package org.openevb.bridge.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openevb.acl.internal.AclRegistry;
import org.openevb.acl.internal.BenchAcl;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.vdp.AssociatedVsi;
import org.openevb.api.policy.PoliceRates;
import org.openevb.api.vdp.VsiAssociations;
import org.openevb.api.vdp.VsiPolicy;
import org.openevb.mode.dot1q.Dot1qMode;
import org.openevb.mode.veb.VebMode;
import org.openevb.mode.vepa.VepaMode;
import org.openevb.port.internal.PortConfigs;

/**
 * A forwarding path the benchmarks measure, by its {@code @Param} name: the bridge, its ports,
 * where stations A and B are, and where the measured frame (A to B, known unicast) enters.
 *
 * <ul>
 * <li>{@code dot1q}: an 802.1Q bridge, A on p1 to B on p2;</li>
 * <li>{@code veb}: an edge relay, VM1 to VM2, switched locally;</li>
 * <li>{@code vepa}: an edge relay, VM1 to VM2, sent up to the adjacent bridge;</li>
 * <li>{@code vepa-reflection}: the same frame reflected back down the uplink, delivered to VM2;</li>
 * <li>{@code dot1q-vsi}: {@code dot1q} with {@code vsi.enforcement enforce}, VDP in the bridge role on
 * p1 and A associated there (the measured frame is checked against the VSI table, counted for
 * the VSI, and passes);</li>
 * <li>{@code dot1q-vsi-police}: {@code dot1q-vsi} with a policer on A's VSI (its type's
 * {@code police.rate}, 400 Gbit/s: every frame conforms, so every frame pays for the bucket);</li>
 * <li>{@code dot1q-vsi-acl}: {@code dot1q-vsi} with the 100-rule ACL of {@link BenchAcl} as A's type's
 * {@code acl.in}, whose last rule permits the measured frame;</li>
 * <li>{@code dot1q-acl}: {@code dot1q} with the 100-rule ACL of {@link BenchAcl} bound to p1 on ingress,
 * whose last rule permits the measured frame (TCP to port 80).</li>
 * </ul>
 */
record BenchPath(String path, Map<String, Object> config, List<String> ports, String stationA, String stationB, String ingress) {

    static final String A = "020000000001";
    static final String B = "020000000002";

    static BenchPath of(String path) {
        if (path.equals("dot1q")) {
            return new BenchPath(path, Map.of("name", "br0", "ports", "p1, p2"), List.of("p1", "p2"), "p1", "p2", "p1");
        }
        if (path.equals("dot1q-acl")) {
            return new BenchPath(path, Map.of("name", "br0", "ports", "p1, p2", "port.p1.acl.in", "bench"),
                    List.of("p1", "p2"), "p1", "p2", "p1");
        }
        if (path.startsWith("dot1q-vsi")) {
            return new BenchPath(path, Map.of("name", "br0", "ports", "p1, p2", "vsi.enforcement", "enforce"),
                    List.of("p1", "p2"), "p1", "p2", "p1");
        }
        return new BenchPath(path, Map.of("name", "er0", "mode", path.equals("veb") ? "veb" : "vepa", "ports", "up, vm1, vm2",
                "uplink", "up"), List.of("up", "vm1", "vm2"), "vm1", "vm2", path.equals("vepa-reflection") ? "up" : "vm1");
    }

    /** The modes the paths use, for a registry. */
    static void addModes(BridgeRegistryImpl registry) {
        registry.addMode(new Dot1qMode());
        registry.addMode(new VebMode());
        registry.addMode(new VepaMode());
    }

    /**
     * What VDP would tell the registry on this path: A associated on p1 ({@code dot1q-vsi...}, with
     * its type's policy), else nothing.
     */
    void associate(BridgeRegistryImpl registry) {
        if (config.containsKey("vsi.enforcement")) {
            VsiPolicy policy = path.equals("dot1q-vsi-police")
                    ? new VsiPolicy(new PoliceRates(400_000_000_000L, PoliceRates.MAX_BURST, 0, 2), "", "")
                    : path.equals("dot1q-vsi-acl") ? new VsiPolicy(null, "bench", "") : VsiPolicy.NONE;
            registry.associations(new VsiAssociations(Set.of("p1"), List.of(new AssociatedVsi("p1",
                    "uuid:6c5f4e2a-0000-4000-8000-000000000001",
                    List.of(new AssociatedVsi.FilterMatch(Long.parseLong(A, 16), 1)), policy))));
        }
    }

    /** The path's bridge, forwarding (its ports must be in the registry). */
    BridgeComponent bridge(BridgeRegistryImpl registry) {
        Map<String, Object> byMethod = new HashMap<>();
        config.forEach((k, v) -> byMethod.put(k.replace('.', '_'), v));
        BridgeComponent bridge = new BridgeComponent(registry, PortConfigs.of(BridgeConfig.class, byMethod), config);
        if (bridge.status() != BridgeStatus.FORWARDING) {
            throw new IllegalStateException("bridge not forwarding: " + bridge.reason());
        }
        return bridge;
    }

    /** The ACL of path {@code dot1q-acl}, for the registry (none on the other paths). */
    void acls(BridgeRegistryImpl registry) {
        if (config.containsKey("port.p1.acl.in") || path.equals("dot1q-vsi-acl")) {
            AclRegistry acls = new AclRegistry();
            acls.configure(this, BenchAcl.config("bench", 100));
            registry.setAclService(acls);
        }
    }

    /** A 60-byte IPv4 TCP frame to port 80 from {@code src} to {@code dst} (MACs in hex). */
    static byte[] frame(String dst, String src) {
        return BenchAcl.tcp(dst, src, 80);
    }
}
