/**
 * Ethernet frames and their tag stacks: 802.1Q C-tags, 802.1ad S-tags and legacy Q-in-Q tags,
 * Cisco VN-Tags and 802.1BR E-Tags, as value types and as an allocation-free header parser.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.openevb.codec.ethernet;
