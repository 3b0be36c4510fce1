package org.openevb.codec;

/**
 * EtherType and tag protocol identifier (TPID) values used by the codecs, and the lengths of the
 * tags they introduce.
 */
public final class EtherType {

    /** 802.1Q customer VLAN tag. */
    public static final int C_TAG = 0x8100;
    /** 802.1ad service VLAN tag (S-channels). */
    public static final int S_TAG = 0x88A8;
    /** Legacy, non-standard Q-in-Q outer tag. */
    public static final int QINQ_LEGACY = 0x9100;
    /** Cisco VN-Tag. */
    public static final int VN_TAG = 0x8926;
    /** 802.1BR E-Tag. */
    public static final int E_TAG = 0x893F;
    /** LLDP. */
    public static final int LLDP = 0x88CC;
    /** Ratified ECP (802.1Qbg-2012). */
    public static final int ECP = 0x8940;
    /** 802 OUI-extended EtherType carrying the pre-standard ECP. */
    public static final int ECP_PRESTANDARD = 0x88B7;
    /** IPv4. */
    public static final int IPV4 = 0x0800;
    /** ARP. */
    public static final int ARP = 0x0806;
    /** IPv6. */
    public static final int IPV6 = 0x86DD;

    /** Values below this are 802.3 length fields, not EtherTypes. */
    public static final int MIN_ETHERTYPE = 0x0600;

    private EtherType() {
    }

    /**
     * Length of the tag a TPID introduces, TPID included and the following EtherType excluded:
     * 4 for C-, S- and legacy Q-in-Q tags, 6 for VN-Tag, 8 for E-Tag, 0 for anything else.
     */
    public static int tagLength(int tpid) {
        switch (tpid) {
            case C_TAG:
            case S_TAG:
            case QINQ_LEGACY:
                return 4;
            case VN_TAG:
                return 6;
            case E_TAG:
                return 8;
            default:
                return 0;
        }
    }

    /** True if {@code tpid} introduces a tag this bundle understands. */
    public static boolean isTag(int tpid) {
        return tagLength(tpid) != 0;
    }

    /** True for the three VLAN tag TPIDs (C, S, legacy Q-in-Q). */
    public static boolean isVlanTag(int tpid) {
        return tpid == C_TAG || tpid == S_TAG || tpid == QINQ_LEGACY;
    }

    /** A short human-readable name, or the value in hex. */
    public static String name(int type) {
        switch (type) {
            case C_TAG: return "C-tag";
            case S_TAG: return "S-tag";
            case QINQ_LEGACY: return "Q-in-Q tag";
            case VN_TAG: return "VN-Tag";
            case E_TAG: return "E-Tag";
            case LLDP: return "LLDP";
            case ECP: return "ECP";
            case ECP_PRESTANDARD: return "OUI-extended";
            case IPV4: return "IPv4";
            case ARP: return "ARP";
            case IPV6: return "IPv6";
            default: return String.format("0x%04x", type);
        }
    }
}
