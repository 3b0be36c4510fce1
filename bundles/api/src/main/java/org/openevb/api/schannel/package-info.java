/** S-channels (802.1Qbg): S-VLAN components on uplinks, their channels, and CDCP. */
@Export
@Version("2.1.0")
package org.openevb.api.schannel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
