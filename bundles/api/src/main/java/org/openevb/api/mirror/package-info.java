/**
 * Port mirroring (SPAN): copies of the frames some ports receive and send, sent out of a mirror
 * port, with the counters that say what was copied and what the mirror could not keep up with.
 */
@Export
@Version("1.0.0")
package org.openevb.api.mirror;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
