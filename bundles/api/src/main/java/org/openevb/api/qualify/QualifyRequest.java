package org.openevb.api.qualify;

import java.util.List;

/**
 * What to qualify, and how.
 *
 * @param port           the port cabled to the peer
 * @param probes         probe ids to run, in order (empty: every probe)
 * @param pcap           the file the session's frames are written to
 * @param listenSeconds  how long listening probes (P1) listen, 1..600
 * @param allowFlood     whether probes may send what a bridge floods (P3's unknown unicast, broadcast, multicast)
 * @param vsiTypeId      the VSI type ID the VDP probes (P7-P9) ask for, 0..16777215: one the switch's VSI manager knows
 * @param vsiTypeVersion its version, 0..255
 * @param vid            the VID of the VDP probes' filters, 0..4094 (0: the bridge chooses)
 * @param ecids          the E-CIDs (or vifs) of the extended ports the peer has on its cascade port, 1..4095, the
 *                       first two being the port extension probe's (P12) hosts A and B; E-CIDs are configured, not
 *                       negotiated, so the operator names them
 * @param tagFormat      the tag P12 sends: {@code etag} (802.1BR), {@code vntag} or {@code both}
 * @param snmpAgent      the switch's SNMP agent for P13, {@code host}, {@code host:port} or {@code [v6]:port}
 *                       (empty: none, P13 does not run)
 * @param snmpCommunity  the SNMPv2c community P13 reads with
 * @param secondPort     a second port cabled to the same peer, for the probes that need two (P10); empty: none
 * @param cascadeEcids   the E-CIDs (or vifs) of extended ports behind a further port extender below the cable, which
 *                       the peer's cascade port serves too (none of {@code ecids}); P12 plays host C on the first.
 *                       Empty: P12 probes no cascade
 * @param relay          an edge relay of this platform (a bridge in mode {@code auto}) whose uplink is {@code port}:
 *                       P4 runs with the relay as the station instead of the kit's own, leaving the uplink to the
 *                       relay and watching it through a tap; empty: none (the run takes the port for itself)
 */
public record QualifyRequest(String port, List<String> probes, String pcap, int listenSeconds, boolean allowFlood,
                             int vsiTypeId, int vsiTypeVersion, int vid, List<Integer> ecids, String tagFormat,
                             String snmpAgent, String snmpCommunity, String secondPort, List<Integer> cascadeEcids,
                             String relay) {

    /** The VSI type the VDP probes use unless told otherwise. */
    public static final int DEFAULT_VSI_TYPE_ID = 1;
    public static final int DEFAULT_VSI_TYPE_VERSION = 1;
    /** The extended ports P12 assumes unless told otherwise. */
    public static final List<Integer> DEFAULT_ECIDS = List.of(1, 2, 3);
    public static final String DEFAULT_TAG_FORMAT = "etag";

    /** The community P13 reads with unless told otherwise. */
    public static final String DEFAULT_COMMUNITY = "public";

    public QualifyRequest {
        probes = List.copyOf(probes);
        ecids = List.copyOf(ecids);
        snmpAgent = snmpAgent == null ? "" : snmpAgent.trim();
        snmpCommunity = snmpCommunity == null || snmpCommunity.isEmpty() ? DEFAULT_COMMUNITY : snmpCommunity;
        secondPort = secondPort == null ? "" : secondPort.trim();
        cascadeEcids = cascadeEcids == null ? List.of() : List.copyOf(cascadeEcids);
        relay = relay == null ? "" : relay.trim();
    }

    /** A request without an edge relay. */
    public QualifyRequest(String port, List<String> probes, String pcap, int listenSeconds, boolean allowFlood,
                          int vsiTypeId, int vsiTypeVersion, int vid, List<Integer> ecids, String tagFormat,
                          String snmpAgent, String snmpCommunity, String secondPort, List<Integer> cascadeEcids) {
        this(port, probes, pcap, listenSeconds, allowFlood, vsiTypeId, vsiTypeVersion, vid, ecids, tagFormat, snmpAgent,
                snmpCommunity, secondPort, cascadeEcids, "");
    }

    /** A request whose port extension probe probes no cascade. */
    public QualifyRequest(String port, List<String> probes, String pcap, int listenSeconds, boolean allowFlood,
                          int vsiTypeId, int vsiTypeVersion, int vid, List<Integer> ecids, String tagFormat,
                          String snmpAgent, String snmpCommunity, String secondPort) {
        this(port, probes, pcap, listenSeconds, allowFlood, vsiTypeId, vsiTypeVersion, vid, ecids, tagFormat, snmpAgent,
                snmpCommunity, secondPort, List.of());
    }

    /** A request on one port. */
    public QualifyRequest(String port, List<String> probes, String pcap, int listenSeconds, boolean allowFlood,
                          int vsiTypeId, int vsiTypeVersion, int vid, List<Integer> ecids, String tagFormat,
                          String snmpAgent, String snmpCommunity) {
        this(port, probes, pcap, listenSeconds, allowFlood, vsiTypeId, vsiTypeVersion, vid, ecids, tagFormat, snmpAgent,
                snmpCommunity, "");
    }

    /** A request without an SNMP agent (P13 does not run). */
    public QualifyRequest(String port, List<String> probes, String pcap, int listenSeconds, boolean allowFlood,
                          int vsiTypeId, int vsiTypeVersion, int vid, List<Integer> ecids, String tagFormat) {
        this(port, probes, pcap, listenSeconds, allowFlood, vsiTypeId, vsiTypeVersion, vid, ecids, tagFormat, "",
                DEFAULT_COMMUNITY);
    }

    /** A request whose port extension probe uses the default E-CIDs and E-Tags, with an SNMP agent for P13. */
    public QualifyRequest(String port, List<String> probes, String pcap, int listenSeconds, boolean allowFlood,
                          int vsiTypeId, int vsiTypeVersion, int vid, String snmpAgent, String snmpCommunity) {
        this(port, probes, pcap, listenSeconds, allowFlood, vsiTypeId, vsiTypeVersion, vid, DEFAULT_ECIDS,
                DEFAULT_TAG_FORMAT, snmpAgent, snmpCommunity);
    }

    /** A request whose port extension probe uses the default E-CIDs and E-Tags, without an SNMP agent. */
    public QualifyRequest(String port, List<String> probes, String pcap, int listenSeconds, boolean allowFlood,
                          int vsiTypeId, int vsiTypeVersion, int vid) {
        this(port, probes, pcap, listenSeconds, allowFlood, vsiTypeId, vsiTypeVersion, vid, DEFAULT_ECIDS,
                DEFAULT_TAG_FORMAT);
    }

    /** Whether an edge relay was named (P4 with the relay as the station). */
    public boolean hasRelay() {
        return !relay.isEmpty();
    }

    /** Whether a second port was given. */
    public boolean hasSecondPort() {
        return !secondPort.isEmpty();
    }

    /** A request whose VDP probes use the default VSI type and let the bridge choose the VID. */
    public QualifyRequest(String port, List<String> probes, String pcap, int listenSeconds, boolean allowFlood) {
        this(port, probes, pcap, listenSeconds, allowFlood, DEFAULT_VSI_TYPE_ID, DEFAULT_VSI_TYPE_VERSION, 0);
    }
}
