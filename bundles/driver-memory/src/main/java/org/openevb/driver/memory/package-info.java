/** The in-memory driver and its simulated network of interfaces and links. */
@Export
@Version("1.1.0")
package org.openevb.driver.memory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
