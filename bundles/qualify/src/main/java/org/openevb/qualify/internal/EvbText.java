package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.List;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;

/** One-line texts of the EVB, pre-standard EVB and CDCP TLVs for the report's evidence. */
final class EvbText {

    private EvbText() {
    }

    /** e.g. {@code bridge [RRCAP RRCTR] station [RRREQ] RRSTAT 1, R 3, RTE 14, RWD 20, RKA 20}. */
    static String evb(EvbTlv t) {
        return mode(t.evbMode()) + " bridge status [" + flags(t.bgid(), "BGID", t.rrcap(), "RRCAP", t.rrctr(), "RRCTR")
                + "] station status [" + flags(t.sgid(), "SGID", t.rrreq(), "RRREQ", false, "") + "] RRSTAT " + t.rrstat()
                + ", R " + t.r() + ", RTE " + t.rte() + ", RWD " + t.rwd() + (t.rolRwd() ? " (remote)" : "")
                + ", RKA " + t.rka() + (t.rolRka() ? " (remote)" : "");
    }

    static String mode(int evbMode) {
        return switch (evbMode) {
            case EvbTlv.BRIDGE -> "bridge";
            case EvbTlv.STATION -> "station";
            case EvbTlv.NOT_SUPPORTED -> "EVB not supported";
            default -> "mode " + evbMode;
        };
    }

    private static String flags(boolean a, String aName, boolean b, String bName, boolean c, String cName) {
        List<String> on = new ArrayList<>();
        if (a) {
            on.add(aName);
        }
        if (b) {
            on.add(bName);
        }
        if (c) {
            on.add(cName);
        }
        return String.join(" ", on);
    }

    static String preStandard(PreStandardEvbTlv t) {
        return String.format("supported mode 0x%02x caps 0x%02x, configured mode 0x%02x caps 0x%02x, VSIs %d/%d, RTE %d",
                t.supportedMode(), t.supportedCapabilities(), t.configuredMode(), t.configuredCapabilities(),
                t.supportedVsis(), t.configuredVsis(), t.rte());
    }

    static String cdcp(CdcpTlv t) {
        List<String> pairs = new ArrayList<>();
        for (ChannelPair p : t.pairs()) {
            pairs.add(p.scid() + "/" + p.svid());
        }
        return (t.isStation() ? "station" : "bridge") + ", SComp " + (t.sComp() ? 1 : 0) + ", ChnCap " + t.chnCap()
                + ", SCID/SVID " + (pairs.isEmpty() ? "none" : String.join(" ", pairs));
    }
}
