package org.openevb.api.qualify;

import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/** Runs qualification probes against the peer on a port. */
@ProviderType
public interface QualifyService {

    /** Every probe this platform has, in the order they run. */
    List<ProbeInfo> probes();

    /**
     * Runs the probes on the calling thread: claims the port for the whole run (refused when
     * another component owns it), writes every frame in and out to the request's pcap file, and
     * returns the report. Every wait is bounded. An interrupt ends the run: the probes not finished
     * are {@link Verdict#NOT_RUN}.
     *
     * @param progress told, one line at a time, which probe runs (n of m) and what it waits for
     * @throws QualifyException if the run cannot start
     */
    QualificationReport run(QualifyRequest request, Consumer<String> progress) throws QualifyException;

    /** The report as one self-contained HTML page: a summary table, each probe's evidence, a timeline. */
    String html(QualificationReport report);
}
