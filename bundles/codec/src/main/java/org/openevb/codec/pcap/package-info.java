/** Reading and writing capture files: classic libpcap (both byte orders, µs and ns) and pcapng. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.openevb.codec.pcap;
