/** The text syntax shared by the platform's configuration keys (lists, globs, numbers, ranges), and its configuration files. */
@Export
@Version("1.1.0")
package org.openevb.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
