package org.openevb.schannel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.port.internal.PortConfigs;

/** The S-VLAN component around CDCP: what it does with what the LLDP agent hands it. */
class SComponentTest {

    @Test
    void aMalformedCdcpTlvIsCountedAndChangesNothing() {
        SChannelRegistry registry = new SChannelRegistry();
        SComponent component = new SComponent(registry, port -> () -> { },
                PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "station")));
        LldpAgent agent = (LldpAgent) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LldpAgent.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "port" -> "up";
                    case "address" -> LldpAddress.NEAREST_NON_TPMR_BRIDGE;
                    default -> null;
                });
        LldpTlv good = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 4, 0, 0, List.of(new ChannelPair(1, 1))).toTlv();
        LldpTlv cut = new LldpTlv(good.type(), Arrays.copyOf(good.value(), good.value().length - 1));
        var before = component.status();
        for (int i = 0; i < 3; i++) {
            component.received(agent, new LldpNeighbour("02:00:00:00:00:99", "swp1", 120, 120_000, "switch",
                    0x020000000099L, Lldpdu.of(cut)));
        }
        var after = component.status();
        assertEquals(3L, after.drops().get("malformed-cdcp"));
        assertEquals(before.remote(), after.remote(), "the peer's last good TLV (none yet) is kept");
        assertEquals(before.channels(), after.channels());
    }
}
