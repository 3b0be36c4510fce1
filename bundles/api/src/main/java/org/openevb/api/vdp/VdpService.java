package org.openevb.api.vdp;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** ECP and VDP on every port where the EVB TLV was exchanged, in the role that port has. */
@ProviderType
public interface VdpService {

    /** The commands of the station role, as {@link #command} and the shell name them. */
    List<String> COMMANDS = List.of("associate", "pre-associate", "pre-associate-rr", "de-associate");

    /**
     * The migration hints a command may carry: {@code migrate-to} (the M bit: the VSI is migrating
     * to this station) and {@code migrate-from} (the S bit: it is suspended here, migrating away).
     */
    List<String> HINTS = List.of("migrate-to", "migrate-from");

    /** Every port running ECP and VDP, sorted by name. */
    List<VdpPortView> ports();

    /** Every VSI on every port, sorted by port, then as they came; configured station VSIs whose port does not run VDP too. */
    List<VsiView> vsis();

    /** The names of the station's configured VSIs, sorted. */
    List<String> stationVsis();

    /**
     * Sends {@code command} (one of {@link #COMMANDS}) for the configured station VSI {@code name}
     * and waits up to {@code wait} for the exchange to end.
     *
     * @return the VSI after the exchange, or as it is when {@code wait} ran out (its {@code pending}
     *     says so)
     * @throws IllegalArgumentException for an unknown VSI or command
     * @throws IllegalStateException when the VSI's port does not run VDP (no EVB TLV exchanged)
     */
    default VsiView command(String name, String command, Duration wait) throws InterruptedException {
        return command(name, command, "", wait);
    }

    /**
     * As {@link #command(String, String, Duration)}, with a migration hint: one of {@link #HINTS},
     * or empty for none. An Associate with {@code migrate-to} that succeeds is followed by the
     * VSI's RARP announcements out of its port (QEMU's schedule: 0, 50, 200, 450, 800 ms).
     *
     * @throws IllegalArgumentException for an unknown VSI, command or hint
     */
    default VsiView command(String name, String command, String hint, Duration wait) throws InterruptedException {
        return command(name, command, hint, "", wait);
    }

    /**
     * As {@link #command(String, String, String, Duration)}, and attaches the VSI to the edge relay
     * port {@code relayPort} from this command on (until its configuration changes), as a
     * hypervisor knows which tap a migrated VM got: its announcements are forwarded by that relay
     * as if the VM had sent them. Empty keeps the VSI's relay port as it is (its configuration's
     * {@code relay.port}, or the last command's).
     *
     * @throws IllegalArgumentException for an unknown VSI, command or hint, or a relay port no
     *     bridge or edge relay has
     */
    VsiView command(String name, String command, String hint, String relayPort, Duration wait)
            throws InterruptedException;

    /**
     * Follows the associations of the bridge role: {@code listener} is told the current ones at
     * once and then every change (a VSI associated, moved, changed or gone; VDP starting or stopping
     * on a bridge port), until the returned handle is closed. A bridge's data path admits by it.
     */
    AutoCloseable followAssociations(VsiAssociationListener listener);
}
