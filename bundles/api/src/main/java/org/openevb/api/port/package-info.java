/**
 * Ports: named, configured attachments to an interface that receive and send Ethernet frames,
 * with their state and counters.
 */
@Export
@Version("4.2.0")
package org.openevb.api.port;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
