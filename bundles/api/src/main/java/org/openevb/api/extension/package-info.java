/**
 * Port extension (IEEE 802.1BR E-Tag, Cisco VN-Tag): port extenders, controlling bridges, their
 * extended ports, replication groups and counters, as the shell and other bundles see them.
 */
@Export
@Version("2.0.0")
package org.openevb.api.extension;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
