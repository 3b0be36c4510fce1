package org.openevb.api.extension;

import java.util.Locale;
import org.openevb.api.view.Keyed;

/** The tag that tells extended ports apart on a cascade link. */
public enum TagFormat implements Keyed {
    /** IEEE 802.1BR E-Tag (0x893F): 12-bit E-CIDs, GRP for multicast, Ingress_E-CID for pruning. */
    ETAG,
    /** Cisco VN-Tag (0x8926): 12-bit source vif, 14-bit destination vif or vif list, looped bit for pruning. */
    VNTAG;

    /** The name in configuration and JSON: {@code etag} or {@code vntag}. */
    @Override
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named by {@code text} (case ignored), or null. */
    public static TagFormat parse(String text) {
        for (TagFormat f : values()) {
            if (f.key().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        return null;
    }
}
