/**
 * Building blocks for ports carried inside other ports (S-channels, extended ports): the
 * virtual port itself, control-handler dispatch, a rate-limited log and an allocation-free clock.
 */
@Export
@Version("2.0.0")
package org.openevb.port.virtual;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
