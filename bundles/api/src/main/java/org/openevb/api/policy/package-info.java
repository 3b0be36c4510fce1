/**
 * Policy on the data path: access control lists compiled from ordered rules, judged per frame
 * through a {@link org.openevb.api.policy.PacketFilter} that a bridge binds to a port, ingress or
 * egress; {@link org.openevb.api.policy.AclService} names them and shows their rules and counters.
 */
@Export
@Version("1.1.0")
package org.openevb.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
