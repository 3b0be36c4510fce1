/**
 * ECP and VDP (802.1Qbg clauses 43 and 41) on the ports where the EVB TLV was exchanged: what each
 * port's ECP entity counts, each VSI as the EVB MIB's VSI table shows it, and the station role's
 * commands; the associations of the bridge role, which a bridge's data path admits by.
 */
@Export
@Version("1.3.0")
package org.openevb.api.vdp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
