/**
 * LLDP: the LLDPDU, generic TLVs, and typed views of the Chassis ID, Port ID and TTL TLVs, the
 * 802.1Qbg-2012 EVB TLV, the pre-standard EVB TLV and the CDCP TLV.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.openevb.codec.lldp;
