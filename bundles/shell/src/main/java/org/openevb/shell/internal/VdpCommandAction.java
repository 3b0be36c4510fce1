package org.openevb.shell.internal;

import java.time.Duration;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.openevb.api.vdp.VdpService;
import org.openevb.api.vdp.VsiView;

/**
 * A VDP command of the station role on a configured VSI: sent, its answer awaited, the VSI shown;
 * a refusal, a timeout or no answer in time is a failure (non-zero exit status).
 */
abstract class VdpCommandAction implements Action {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    VdpService vdp;

    @Argument(index = 0, name = "vsi", required = true, description = "The VSI's name (its configuration)")
    @Completion(VsiNameCompleter.class)
    String vsi;

    @Option(name = "-w", aliases = "--wait", description = "Seconds to wait for the bridge's answer (default 30)")
    int waitSeconds = 30;

    @Option(name = "-r", aliases = "--relay-port", description = "Attach the VSI to this edge relay port (the VM's "
            + "port) from now on, until its configuration changes: its announcements are forwarded by that relay")
    @Completion(PortNameCompleter.class)
    String relayPort = "";

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    /** The command, one of {@link VdpService#COMMANDS}. */
    abstract String command();

    /** The migration hint, one of {@link VdpService#HINTS}, or empty. */
    String hint() {
        return "";
    }

    /** The state a success leads to. */
    abstract String expectedState();

    @Override
    public Object execute() throws CommandFailure, InterruptedException {
        if (vdp == null) {
            throw new CommandFailure("VDP is not running (feature openevb-vdp)");
        }
        VsiView v;
        try {
            v = vdp.command(vsi, command(), hint(), relayPort, Duration.ofSeconds(waitSeconds));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandFailure(e.getMessage());
        }
        if (json) {
            System.out.println(Json.toJson(v));
        } else {
            VsiListCommand.table(List.of(v)).print(System.out);
        }
        String failure = failure(v, command(), expectedState());
        if (failure != null) {
            throw new CommandFailure(failure);
        }
        return null;
    }

    /** Why the command did not do what it asked, or null if it did. */
    static String failure(VsiView v, String command, String expectedState) {
        if (!v.pending().isEmpty()) {
            return command + " of VSI '" + v.name() + "': no answer yet (still pending)";
        }
        if (!v.lastReason().equals("success") || !v.state().equals(expectedState)) {
            return command + " of VSI '" + v.name() + "' failed: " + VsiListCommand.reason(v) + " (state " + v.state() + ")";
        }
        return null;
    }
}
