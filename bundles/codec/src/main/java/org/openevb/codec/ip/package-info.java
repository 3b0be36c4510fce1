/**
 * IPv4, IPv6 and the first bytes of TCP, UDP and SCTP as an allocation-free header parser, for
 * decisions on the data path that look past the Ethernet header (access control lists); DHCP and
 * IPv6 neighbour discovery as the allocation-free readers a port's guards judge with.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.openevb.codec.ip;
