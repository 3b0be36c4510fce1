/**
 * LLDP (802.1AB): agents per port and group address, their neighbours, and the extensions that
 * ride on LLDP (the EVB TLV, CDCP) by adding TLVs and reading the neighbours'.
 */
@Export
@Version("1.1.0")
package org.openevb.api.lldp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
