package org.openevb.port.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * A port's configuration: one factory configuration of {@value PortComponent#PID} per port, e.g.
 * {@code etc/org.openevb.port-uplink.cfg}. Keys map from method names: {@code _} becomes {@code .}
 * and a trailing {@code $} is dropped ({@code interface$} is the key {@code interface}). Numbers and
 * flags are read as text by {@link PortSettings}, so a bad value is reported with its key instead
 * of failing the component's activation.
 */
@ObjectClassDefinition(
        id = PortComponent.PID,
        name = "EVB port",
        description = "One port of the platform: an interface opened through a driver.")
public @interface PortConfig {

    @AttributeDefinition(name = "Name", required = false,
            description = "Port name, unique on the platform. Empty: the interface name.")
    String name() default "";

    @AttributeDefinition(name = "Interface", description = "Network interface to open, e.g. eth1 or veth0.")
    String interface$() default "";

    @AttributeDefinition(name = "Driver",
            description = "How to reach the interface: pcap (real interfaces through libpcap), packet (real interfaces"
                    + " through Linux packet sockets, completing the checksums and segmenting the GSO frames of local"
                    + " senders such as VMs on veths and taps), tap (an interface of the host itself: the platform creates"
                    + " a tap device of this name), xdp (real interfaces through XDP sockets: cheaper per frame, but partial"
                    + " checksums of local senders stay partial, so their TCP and UDP arrive broken) or memory (tests,"
                    + " benchmarks).",
            options = {@Option(label = "pcap", value = "pcap"), @Option(label = "packet", value = "packet"),
                    @Option(label = "tap", value = "tap"), @Option(label = "xdp", value = "xdp"),
                    @Option(label = "memory", value = "memory")})
    String driver() default "packet";

    @AttributeDefinition(name = "Enabled", description = "false keeps the port configured but closed (admin down).")
    String enabled() default "true";

    @AttributeDefinition(name = "Promiscuous", description = "Receive frames for every destination MAC.")
    String promiscuous() default "true";

    @AttributeDefinition(name = "Maximum frame size",
            description = "Longest frame received, in bytes, tags included (64..65535); longer frames are dropped and counted.")
    String max_frame_size() default "" + PortSettings.DEFAULT_MAX_FRAME_SIZE;

    @AttributeDefinition(name = "Receive buffer", description = "Kernel capture buffer in bytes (65536..1073741824).")
    String buffer_size() default "" + PortSettings.DEFAULT_BUFFER_SIZE;

    @AttributeDefinition(name = "Read timeout", description = "Capture read timeout in milliseconds (1..1000).")
    String read_timeout_ms() default "" + PortSettings.DEFAULT_READ_TIMEOUT_MS;

    @AttributeDefinition(name = "Receive CPUs", required = false,
            description = "CPUs the port's receive thread runs on, e.g. 1 or 0,2-3 (packet and pcap drivers). Empty: wherever"
                    + " the scheduler puts it.")
    String rx_cpus() default "";

    @AttributeDefinition(name = "Receive lanes",
            description = "Receive threads (1..8, packet driver): above 1, the kernel spreads the interface's frames"
                    + " over that many by flow hash, so a flow stays in order on one; with rx.cpus, lane i runs on"
                    + " the i-th CPU listed.")
    String rx_lanes() default "1";

    @AttributeDefinition(name = "XDP mode",
            description = "xdp driver: where its XDP program runs. generic: in the generic receive path, after the"
                    + " kernel's socket buffer is built; the kernel forwarding table then reaches any interface."
                    + " native: in the interface's driver where it allows (else generic); the kernel forwarding table then"
                    + " reaches only interfaces that take XDP frames (a veth whose peer has an XDP program or GRO on, a NIC"
                    + " driver that transmits XDP frames): frames for others are dropped.",
            options = {@Option(label = "generic", value = "generic"), @Option(label = "native", value = "native")})
    String xdp_mode() default "generic";

    @AttributeDefinition(name = "Police rate", required = false,
            description = "Ingress policing: received frames above this many bits per second are dropped and counted"
                    + " (rx-policed), e.g. 100M; k, M, G are powers of 1000. Control frames (LLDP, ECP) are not policed."
                    + " Empty: no limit.")
    String police_rate() default "";

    @AttributeDefinition(name = "Police burst", required = false,
            description = "Bytes that may pass at once above police.rate, e.g. 64k. Empty: 100 ms at the rate, at least 3000.")
    String police_burst() default "";

    @AttributeDefinition(name = "Police frame rate", required = false,
            description = "Ingress policing in frames per second, e.g. 10k. Empty: no limit.")
    String police_pps() default "";

    @AttributeDefinition(name = "Police frame burst", required = false,
            description = "Frames that may pass at once above police.pps. Empty: 100 ms at the rate, at least 2.")
    String police_burst_frames() default "";

    @AttributeDefinition(name = "Shape rate", required = false,
            description = "Egress shaping: frames sent on the port leave at most at this many bits per second, e.g. 100M;"
                    + " they wait in a queue per traffic class and a thread of the port's sends them. Empty: no shaping,"
                    + " frames go out at once on the thread that forwards them.")
    String shape_rate() default "";

    @AttributeDefinition(name = "Shape classes", required = false,
            description = "Traffic classes by PCP, in priority order, each with its guaranteed rate: 'NAME: PCPS RATE',"
                    + " e.g. 'voice: 5-7 30M, bulk: 0-4 10M'. PCPs not named share a last class without a guarantee.")
    String shape_classes() default "";

    @AttributeDefinition(name = "Shape queue", required = false,
            description = "Frames each class's queue holds (16..65536); beyond, frames are dropped and counted (tx-queue-full).")
    String shape_queue_frames() default "256";

    @AttributeDefinition(name = "Guard: source MACs", required = false,
            description = "Frames received with another source MAC are dropped (rx-guard-source-mac): the VM's own MACs,"
                    + " comma-separated. Empty: any source.")
    String guard_source_macs() default "";

    @AttributeDefinition(name = "Guard: ARP", required = false,
            description = "true: an ARP packet whose sender (MAC, IPv4) is not a binding of the port is dropped (rx-guard-arp).")
    String guard_arp() default "false";

    @AttributeDefinition(name = "Guard: ND", required = false,
            description = "true: a neighbour advertisement whose target (with the source MAC) is not a binding is dropped"
                    + " (rx-guard-nd).")
    String guard_nd() default "false";

    @AttributeDefinition(name = "Guard: DHCP", required = false,
            description = "true: DHCP and DHCPv6 server messages received on the port are dropped (rx-guard-dhcp): a VM's"
                    + " port may not serve addresses.")
    String guard_dhcp() default "false";

    @AttributeDefinition(name = "Guard: bindings", required = false,
            description = "The (MAC, IP) pairs the port's VM may claim, 'MAC IP' comma-separated; the DHCP acknowledgements"
                    + " the port sends add theirs (DHCP snooping).")
    String guard_bindings() default "";

    @AttributeDefinition(name = "Retry interval",
            description = "While the interface or driver is missing, try again every this many milliseconds (100..60000).")
    String retry_interval_ms() default "" + PortSettings.DEFAULT_RETRY_INTERVAL_MS;

    @AttributeDefinition(name = "Pad short frames",
            description = "Zero-pad frames shorter than 60 bytes before sending, as an Ethernet NIC does.")
    String pad_short_frames() default "true";
}
