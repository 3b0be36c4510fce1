package org.openevb.mirror.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A mirror's configuration: one factory configuration of {@value MirrorComponent#PID} per mirror,
 * e.g. {@code etc/org.openevb.mirror-span1.cfg}. Read as text by {@link MirrorSettings}, so a bad
 * value is reported with its key.
 */
@ObjectClassDefinition(
        id = MirrorComponent.PID,
        name = "EVB port mirror",
        description = "Copies of the frames some ports receive and send, sent out of a mirror port (SPAN).")
public @interface MirrorConfig {

    @AttributeDefinition(name = "Name", description = "Mirror name, unique on the platform.")
    String name() default "";

    @AttributeDefinition(name = "Ingress sources", required = false,
            description = "Ports whose received frames are copied: comma-separated names, '*' matches any characters.")
    String ingress() default "";

    @AttributeDefinition(name = "Egress sources", required = false,
            description = "Ports whose sent frames are copied: comma-separated names, '*' matches any characters.")
    String egress() default "";

    @AttributeDefinition(name = "VLANs", required = false,
            description = "Copy only frames whose outermost tag has one of these VIDs (0 for untagged), e.g. '0, 10, 20-29'."
                    + " Empty: every frame.")
    String vlans() default "";

    @AttributeDefinition(name = "Filter", required = false,
            description = "The name of an ACL (etc/org.openevb.acl-NAME.cfg): only the copies it permits are sent; 'vlan' in"
                    + " its rules is the frame's outer VID as on the wire (0 untagged). Empty: every copy.")
    String filter() default "";

    @AttributeDefinition(name = "Destination", description = "The mirror port the copies go out of; it carries nothing else.")
    String destination() default "";

    @AttributeDefinition(name = "Queue", required = false,
            description = "Copies waiting for the mirror port at most (16..65536, rounded up to a power of two);"
                    + " beyond, copies are dropped and counted.")
    String queue_frames() default "" + MirrorSettings.DEFAULT_QUEUE_FRAMES;

    @AttributeDefinition(name = "Maximum frame size", required = false,
            description = "Longest frame copied, in bytes (64..65535); longer ones are counted and not copied.")
    String max_frame_size() default "" + MirrorSettings.DEFAULT_MAX_FRAME_SIZE;
}
