/**
 * The text syntax shared by the platform's configuration keys (lists, globs, numbers, ranges), its
 * configuration files, and checked settings that keep the last good configuration.
 */
@Export
@Version("1.4.0")
package org.openevb.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
