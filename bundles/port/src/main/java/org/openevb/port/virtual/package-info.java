/**
 * Building blocks for ports: the core every port shares (counters, claims, taps, dispatch), the
 * port carried inside another port (S-channels, extended ports), control-handler dispatch, a
 * rate-limited log and an allocation-free clock.
 */
@Export
@Version("3.0.0")
package org.openevb.port.virtual;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
