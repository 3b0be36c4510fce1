/**
 * Bridges and their forwarding modes: a bridge owns its ports, FDB, VLAN tables and counters; a
 * {@link org.openevb.api.bridge.ForwardingMode} (802.1Q bridge with reflective relay, VEB, VEPA)
 * only chooses egress ports, so modes can be swapped while frames flow.
 */
@Export
@Version("3.1.0")
package org.openevb.api.bridge;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
