package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.acl.internal.AclRegistry;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.PortRole;

/**
 * evb:acl-create checks everything it will write before it writes it (a refusal names the key and
 * why, and leaves no file); evb:acl-delete finds where bridges bind the ACL.
 */
class AclCreateDeleteTest {

    private final AclRegistry acls = new AclRegistry();

    @Test
    void theRulesAreNumberedInStepsOfTenAfterTheNameAndTheDefault() throws CommandFailure {
        Map<String, String> keys = AclCreateCommand.keys("web", "deny", List.of("permit arp", " permit tcp dst-port 80 "),
                acls);
        assertEquals(List.of("name", "default", "rule.10", "rule.20"), List.copyOf(keys.keySet()));
        assertEquals("permit tcp dst-port 80", keys.get("rule.20"));
        assertEquals(Map.of("name", "all", "default", "permit"), AclCreateCommand.keys("all", "permit", List.of(), acls));
    }

    @Test
    void aRefusalNamesTheKeyAndTheReason() {
        assertEquals("rule.20: 'permit tcp dst-port 8o' is not a rule: '8o' is not a number or a range LOW-HIGH",
                assertThrows(CommandFailure.class, () -> AclCreateCommand.keys("web", "deny",
                        List.of("permit arp", "permit tcp dst-port 8o"), acls)).getMessage());
        assertEquals("default: 'maybe' is not one of permit, deny",
                assertThrows(CommandFailure.class, () -> AclCreateCommand.keys("web", "maybe", List.of(), acls)).getMessage());
        assertEquals("name: 'no name' is not a name (1..64 of letters, digits, '.', '_', ':', '-')",
                assertThrows(CommandFailure.class, () -> AclCreateCommand.keys("no name", "deny", List.of(), acls))
                        .getMessage());
    }

    /** A bridge that answers its name, ports and VLAN ACLs. */
    private static Bridge bridge(String name, Map<Integer, String> vlanAcls, BridgePortView... ports) {
        return (Bridge) java.lang.reflect.Proxy.newProxyInstance(Bridge.class.getClassLoader(), new Class<?>[] {Bridge.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "ports" -> List.of(ports);
                    case "vlanAcls" -> new java.util.TreeMap<>(vlanAcls);
                    case "vlanAclsOut" -> Map.of(30, "web");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static BridgePortView port(String name, String in, String out) {
        return new BridgePortView(name, PortRole.BRIDGE, "UP", 1, "1", "1", false, "default", "unknown", 0, 0, in, out);
    }

    @Test
    void deleteFindsEveryBindingOfBridgePortsAndVlans() {
        List<Bridge> bridges = List.of(bridge("br0", Map.of(10, "web", 20, "other"), port("vm1", "web", ""),
                port("vm2", "other", "web")), bridge("br1", Map.of(), port("vm3", "", "")));
        assertEquals(List.of("bridge br0 port vm1 (in)", "bridge br0 port vm2 (out)", "bridge br0 VLAN 10 (in)",
                "bridge br0 VLAN 30 (out)", "bridge br1 VLAN 30 (out)"), AclDeleteCommand.bindings("web", bridges));
        assertEquals(List.of(), AclDeleteCommand.bindings("unbound", bridges));
    }

    @Test
    void deleteSaysWhatIsStillBoundInTextAndJson() {
        AclDeleteCommand.Deleted d = new AclDeleteCommand.Deleted("web", List.of("bridge br0 port vm1 (in)"));
        assertEquals("ACL 'web' deleted; still bound to bridge br0 port vm1 (in), which let nothing through now",
                AclDeleteCommand.text(d));
        assertEquals("ACL 'web' deleted", AclDeleteCommand.text(new AclDeleteCommand.Deleted("web", List.of())));
        com.google.gson.JsonObject j = com.google.gson.JsonParser.parseString(Json.toJson(d)).getAsJsonObject();
        assertEquals("web", j.get("name").getAsString());
        assertEquals("bridge br0 port vm1 (in)", j.getAsJsonArray("stillBoundTo").get(0).getAsString());
    }
}
