package org.openevb.api.qualify;

import java.util.List;

/**
 * The report of one qualification session on one port.
 *
 * @param port              the port the probes ran on
 * @param started           when the session started (ISO-8601, UTC)
 * @param durationMillis    how long the session took
 * @param pcap              the capture of every frame in and out during the session
 * @param framesIn          frames received from the peer during the session
 * @param framesOut         frames the probes sent
 * @param framesNotRecorded frames seen but not written to the capture (the writer fell behind)
 * @param probes            one report per probe asked for, in the order they ran
 * @param secondPort        the second port of the session (P10), recorded in the same pcap; empty: none
 * @param relay             the edge relay of this platform that was P4's station ({@code --relay}), its uplink the
 *                          port; empty: none (the kit was the station)
 */
public record QualificationReport(String port, String started, long durationMillis, String pcap, long framesIn,
                                  long framesOut, long framesNotRecorded, List<ProbeReport> probes, String secondPort,
                                  String relay) {

    public QualificationReport {
        probes = List.copyOf(probes);
        secondPort = secondPort == null ? "" : secondPort;
        relay = relay == null ? "" : relay;
    }

    /** The report of a session without an edge relay. */
    public QualificationReport(String port, String started, long durationMillis, String pcap, long framesIn,
                               long framesOut, long framesNotRecorded, List<ProbeReport> probes, String secondPort) {
        this(port, started, durationMillis, pcap, framesIn, framesOut, framesNotRecorded, probes, secondPort, "");
    }

    /** The report of a session on one port. */
    public QualificationReport(String port, String started, long durationMillis, String pcap, long framesIn,
                               long framesOut, long framesNotRecorded, List<ProbeReport> probes) {
        this(port, started, durationMillis, pcap, framesIn, framesOut, framesNotRecorded, probes, "");
    }

    /**
     * Whether every probe passed or found the feature not supported: what {@code bin/evb-qualify}
     * exits 0 for (a failed, inconclusive or not-run probe makes it non-zero).
     */
    public boolean allPassedOrNotSupported() {
        return probes.stream().allMatch(p -> p.verdict() == Verdict.PASS || p.verdict() == Verdict.NOT_SUPPORTED);
    }

    /** Whether any probe failed or could not run: what makes a script's exit status non-zero. */
    public boolean failedOrNotRun() {
        return probes.stream().anyMatch(p -> p.verdict() == Verdict.FAIL || p.verdict() == Verdict.NOT_RUN);
    }
}
