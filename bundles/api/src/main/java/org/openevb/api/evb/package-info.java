/** The EVB TLV exchange (802.1Qbg) per port: what each side said and what was decided. */
@Export
@Version("1.3.0")
package org.openevb.api.evb;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
