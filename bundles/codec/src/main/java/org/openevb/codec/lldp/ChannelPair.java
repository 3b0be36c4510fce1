package org.openevb.codec.lldp;

import org.openevb.codec.internal.Bytes;

/**
 * One S-channel of a CDCP TLV: the S-channel ID both ends agree on and the S-VID used on the wire
 * (0 in a station's request for a channel the bridge has not assigned yet). 3 octets on the wire.
 *
 * @param scid 0..4095
 * @param svid 0..4095
 */
public record ChannelPair(int scid, int svid) {

    public ChannelPair {
        Bytes.range("SCID", scid, 0, 0xFFF);
        Bytes.range("SVID", svid, 0, 0xFFF);
    }
}
