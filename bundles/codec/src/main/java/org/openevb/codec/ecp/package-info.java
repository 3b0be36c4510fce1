/** The ratified Edge Control Protocol (802.1Qbg-2012, EtherType 0x8940). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.openevb.codec.ecp;
