/**
 * ARP for IPv4 over Ethernet as an allocation-free view, for decisions on the data path (a port's
 * ARP guard).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.openevb.codec.arp;
