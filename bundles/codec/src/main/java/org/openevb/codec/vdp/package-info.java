/** VDP, the VSI discovery and configuration protocol carried in ECP subtype 1 (802.1Qbg-2012). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.openevb.codec.vdp;
