package org.openevb.api.qualify;

/**
 * A probe as documented: what it is, what it sends, what it concludes.
 *
 * @param id        short identifier, e.g. {@code P1}
 * @param title     e.g. {@code LLDP inventory}
 * @param sends     what the probe puts on the wire
 * @param concludes what its verdict says about the peer
 * @param floods    whether it sends frames a bridge floods (unknown unicast, broadcast, multicast)
 */
public record ProbeInfo(String id, String title, String sends, String concludes, boolean floods) {
}
