package org.openevb.qualify.internal;

/**
 * What P4 does to this platform's edge relay when the relay is the station (the run's
 * {@code --relay}): its VMs speak through the bridge's {@code receiveAs} on one VM port, and its
 * station is told what to do through its configuration. Every change is undone by {@link #restore()}.
 * (The uplink's link is the session's port's: {@link ProbeSession#setLinkUp}.)
 */
interface RelayControl {

    /** The relay (bridge) name. */
    String name();

    /** The relay's uplink: the run's port. */
    String uplink();

    /** The VM port the test frames are put in on (VM A). */
    String vmIn();

    /** The VM port whose sent frames are counted (VM B): the session's second port. */
    String vmOut();

    /** What the relay does now: {@code vepa}, {@code veb}, or empty when its mode is not available. */
    String behaviour();

    /**
     * Forwards a frame as if the relay's port {@code port} ({@link #vmIn()} or {@link #vmOut()})
     * had received it (the bridge's {@code receiveAs}): a VM's frame.
     *
     * @return false when the relay did not take it (no such port, not running)
     */
    boolean receiveAs(String port, byte[] frame);

    /** The relay's station asks for reflective relay (RRREQ) or stops asking, through its EVB configuration. */
    void askReflectiveRelay(boolean ask) throws Exception;

    /**
     * The relay's LLDP agent on the uplink sends (admin status as configured) or only receives
     * ({@code rx}: it sends a shutdown LLDPDU as it stops, as 802.1AB says), through its LLDP configuration.
     */
    void lldpTransmit(boolean transmit) throws Exception;

    /**
     * Puts back every configuration the run changed as it was before, deletes what it created;
     * never throws. Returns what it did, for the report.
     */
    String restore();
}
