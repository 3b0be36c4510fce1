package org.openevb.acl.internal;

/**
 * What a rule can match, each one dimension of the compiled table. Values are unsigned and at
 * most 64 bits; an IPv6 address is two fields (its upper and lower 64 bits), so a prefix is a
 * range in each.
 */
enum Field {
    SOURCE_MAC(48),
    DESTINATION_MAC(48),
    ETHER_TYPE(16),
    VID(12),
    PCP(3),
    SOURCE_IPV4(32),
    DESTINATION_IPV4(32),
    SOURCE_IPV6_HIGH(64),
    SOURCE_IPV6_LOW(64),
    DESTINATION_IPV6_HIGH(64),
    DESTINATION_IPV6_LOW(64),
    PROTOCOL(8),
    SOURCE_PORT(16),
    DESTINATION_PORT(16),
    TCP_FLAGS(8);

    static final Field[] ALL = values();

    /** The largest value, unsigned. */
    final long max;

    Field(int bits) {
        this.max = bits == 64 ? -1L : (1L << bits) - 1;
    }
}
