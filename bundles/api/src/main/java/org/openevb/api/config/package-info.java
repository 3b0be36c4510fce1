/** The text syntax shared by the platform's configuration keys: lists, globs, numbers, ranges. */
@Export
@Version("1.0.0")
package org.openevb.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
