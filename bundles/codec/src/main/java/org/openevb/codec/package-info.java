/**
 * Shared codec types: {@link org.openevb.codec.CodecException}, MAC address and EtherType helpers,
 * and the reusable data-path {@link org.openevb.codec.Frame} buffer.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.openevb.codec;
