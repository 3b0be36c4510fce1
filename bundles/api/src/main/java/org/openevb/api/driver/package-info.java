/**
 * The driver SPI: how a port reaches an interface. A driver opens an interface, delivers
 * received frames on its own receive thread and sends frames.
 */
@Export
@Version("2.6.0")
package org.openevb.api.driver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
