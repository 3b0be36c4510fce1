package org.openevb.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.policy.AclService;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Deletes a whole ACL: its configuration file and its configuration, and waits until it is gone.
 * An ACL a bridge port or VLAN is bound to is kept unless forced: once deleted, those bindings
 * let nothing through.
 */
@Service
@Command(scope = "evb", name = "acl-delete",
        description = "Deletes an ACL (its configuration file too); refused while a bridge port or VLAN is bound to it,"
                + " unless --force (the bindings then let nothing through)")
public class AclDeleteCommand implements Action {

    /**
     * What {@code --json} prints once the ACL is gone.
     *
     * @param name the ACL
     * @param stillBoundTo the bindings that now let nothing through (deleted with {@code --force}), empty otherwise
     */
    record Deleted(String name, List<String> stillBoundTo) {
    }

    @Reference
    ConfigurationAdmin admin;

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    AclService acls;

    @Reference(optional = true)
    BridgeRegistry bridges;

    @Option(name = "-f", aliases = "--force", description = "Delete it even while bridges are bound to it")
    boolean force;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Argument(index = 0, name = "name", required = true, description = "ACL name")
    @Completion(AclNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        if (acls == null) {
            throw new CommandFailure("ACLs are not running (feature openevb-acl)");
        }
        if (acls.acl(name).isEmpty()) {
            throw new CommandFailure("no ACL named '" + name + "'");
        }
        List<String> bound = bindings(name, bridges == null ? List.of() : bridges.bridges());
        if (!bound.isEmpty() && !force) {
            throw new CommandFailure("ACL '" + name + "' is bound to " + String.join(", ", bound)
                    + ": unbind it first, or --force (those bindings then let nothing through)");
        }
        if (NamedConfigurations.delete(admin, NamedConfigurations.ACLS, name) == 0) {
            throw new CommandFailure("no configuration of an ACL named '" + name + "'");
        }
        if (!NamedConfigurations.awaitGone(() -> acls.acl(name).isPresent(), AclCreateCommand.WAIT_MILLIS)) {
            throw new CommandFailure("ACL '" + name + "' still there after " + AclCreateCommand.WAIT_MILLIS / 1000 + " s");
        }
        Deleted done = new Deleted(name, bound);
        System.out.println(json ? Json.toJson(done) : text(done));
        return null;
    }

    static String text(Deleted d) {
        return "ACL '" + d.name() + "' deleted" + (d.stillBoundTo().isEmpty() ? ""
                : "; still bound to " + String.join(", ", d.stillBoundTo()) + ", which let nothing through now");
    }

    /** Where bridges bind the ACL: {@code bridge br0 port vm1 (in)}, {@code bridge br0 VLAN 10}. */
    static List<String> bindings(String acl, List<Bridge> bridges) {
        List<String> out = new ArrayList<>();
        for (Bridge b : bridges) {
            for (BridgePortView p : b.ports()) {
                if (acl.equals(p.aclIn())) {
                    out.add("bridge " + b.name() + " port " + p.name() + " (in)");
                }
                if (acl.equals(p.aclOut())) {
                    out.add("bridge " + b.name() + " port " + p.name() + " (out)");
                }
            }
            b.vlanAcls().forEach((vid, a) -> {
                if (acl.equals(a)) {
                    out.add("bridge " + b.name() + " VLAN " + vid + " (in)");
                }
            });
            b.vlanAclsOut().forEach((vid, a) -> {
                if (acl.equals(a)) {
                    out.add("bridge " + b.name() + " VLAN " + vid + " (out)");
                }
            });
        }
        return out;
    }
}
