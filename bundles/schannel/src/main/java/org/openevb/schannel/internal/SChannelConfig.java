package org.openevb.schannel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * An S-VLAN component on one port: one factory configuration of {@value SComponent#PID} each,
 * e.g. {@code etc/org.openevb.schannel-uplink.cfg}. Its channels are ports named
 * {@code <port>-ch<SCID>} that edge relays and bridges use like any other port.
 */
@ObjectClassDefinition(
        id = SComponent.PID,
        name = "EVB S-channels",
        description = "An S-VLAN component (802.1ad S-tags) on a station's uplink or a bridge's station-facing port.")
public @interface SChannelConfig {

    @AttributeDefinition(name = "Port", description = "The physical port that carries the channels (the uplink access port).")
    String port() default "";

    @AttributeDefinition(name = "Role",
            description = "station (asks for channels by SCID) or bridge (assigns their S-VIDs from the pool).",
            options = {@Option(label = "station", value = "station"), @Option(label = "bridge", value = "bridge")})
    String role() default "station";

    @AttributeDefinition(name = "CDCP",
            description = "true: CDCP negotiates the channels over LLDP (nearest non-TPMR bridge address); false: 'channels' are fixed SCID:SVID pairs.")
    String cdcp() default "true";

    @AttributeDefinition(name = "QinQ",
            description = "true: QinQ (S-VLAN tagging) is configured on the port, its channels the 'channels' SCID:SVID pairs; "
                    + "CDCP is then refused (neither sent nor answered), as switches that do not run CDCP together with QinQ refuse it.")
    String qinq() default "false";

    @AttributeDefinition(name = "Manual channels",
            description = "trunk: every channel carries C-tagged frames too; access: the manual channels (the 'channels' "
                    + "SCID:SVID pairs, without CDCP) carry no C-tagged frame, either way, as switches that make manual "
                    + "S-channels access ports and CDCP-created ones trunks do.",
            options = {@Option(label = "trunk", value = "trunk"), @Option(label = "access", value = "access")})
    String manual_channels() default "trunk";

    @AttributeDefinition(name = "Channels", required = false,
            description = "Station with CDCP: the SCIDs to ask for (2..167), e.g. 2,3,4. Without CDCP (either role): SCID:SVID pairs, e.g. 2:10,3:20. "
                    + "The default channel 1:1 always exists.")
    String channels() default "";

    @AttributeDefinition(name = "S-VID pool", description = "Bridge with CDCP: the S-VIDs it assigns, e.g. 2-4094 or 100-199.")
    String svid_pool() default "2-4094";

    @AttributeDefinition(name = "Channel capacity",
            description = "ChnCap: how many channels this side supports, the default one included (1..167).")
    String channel_capacity() default "167";
}
