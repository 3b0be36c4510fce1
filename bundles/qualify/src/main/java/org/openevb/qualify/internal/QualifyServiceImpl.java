package org.openevb.qualify.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.port.PortState;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualificationReport;
import org.openevb.api.qualify.QualifyException;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.QualifyService;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.EtherType;
import org.openevb.codec.pcap.PcapWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner: takes the port for the run, and the second port if one is given (their frames and
 * their link-local control protocols, so nothing else answers the peer meanwhile), records the
 * session (both ports in one pcap), runs the probes in order and assembles the report. With an
 * edge relay ({@code --relay}) it takes nothing: the uplink stays the relay's, and the run only
 * taps it and the relay's VM port where P4 counts its VM frames.
 */
@Component(service = QualifyService.class)
public class QualifyServiceImpl implements QualifyService {

    private static final Logger LOG = LoggerFactory.getLogger(QualifyServiceImpl.class);
    /** The control protocols the run keeps to itself, on each of its ports: LLDP (P1, P2, and the EVB TLV of P6-P11) and ECP (P6-P11). */
    private static final int[] CONTROL_PROTOCOLS = {EtherType.LLDP, EtherType.ECP};
    private static final AtomicLong RUNS = new AtomicLong();

    private final PortRegistry ports;
    private final List<Probe> probes;

    /** The bridges, for {@code --relay} (optional: the kit runs without the bridge feature). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile BridgeRegistry bridges;

    /** Where the relay's station is told what to do, for {@code --relay}. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ConfigurationAdmin configurationAdmin;

    @Activate
    public QualifyServiceImpl(@Reference PortRegistry ports) {
        this(ports, List.of(new LldpInventoryProbe(), new EvbMatrixProbe(), new HairpinProbe(), new RevocationProbe(),
                new CdcpProbe(), new EcpProbe(),
                new VdpMatrixProbe(), new VsiFormatsProbe(), new KeepAliveProbe(), new MigrationProbe(),
                new VsiScaleProbe(), new PortExtensionProbe(), new MibProbe()));
    }

    QualifyServiceImpl(PortRegistry ports, List<Probe> probes) {
        this.ports = ports;
        this.probes = List.copyOf(probes);
    }

    @Override
    public List<ProbeInfo> probes() {
        return probes.stream().map(Probe::info).toList();
    }

    @Override
    public String html(QualificationReport report) {
        return HtmlReport.render(report);
    }

    /**
     * The probes asked for, in the kit's order; unknown ids refused by name, and so is a probe named
     * whose option is missing. Asked for none: every probe the request has what it needs for.
     */
    List<Probe> select(List<String> ids, QualifyRequest request) throws QualifyException {
        if (ids.isEmpty()) {
            return probes.stream().filter(p -> p.needs(request) == null).toList();
        }
        Map<String, Probe> byId = new LinkedHashMap<>();
        probes.forEach(p -> byId.put(p.info().id().toUpperCase(), p));
        List<Probe> chosen = new ArrayList<>();
        for (String id : ids) {
            Probe p = byId.get(id.trim().toUpperCase());
            if (p == null) {
                throw new QualifyException("no probe '" + id.trim() + "' (probes: " + String.join(", ", byId.keySet()) + ")");
            }
            String needs = p.needs(request);
            if (needs != null) {
                throw new QualifyException(p.info().id() + " " + needs);
            }
            if (!chosen.contains(p)) {
                chosen.add(p);
            }
        }
        return probes.stream().filter(chosen::contains).toList();
    }

    @Override
    public QualificationReport run(QualifyRequest request, Consumer<String> progress) throws QualifyException {
        if (request.hasRelay()) {
            return runWithRelay(request, progress);
        }
        List<Probe> chosen = select(request.probes(), request);
        if (!request.snmpAgent().isEmpty()) {
            try {
                SnmpWalker.address(request.snmpAgent());
            } catch (IllegalArgumentException e) {
                throw new QualifyException("--snmp " + e.getMessage());
            }
        }
        if (request.listenSeconds() < 1 || request.listenSeconds() > 600) {
            throw new QualifyException("listen time " + request.listenSeconds() + " s is not within 1..600 s");
        }
        String extension = PortExtensionTable.problem(request.ecids(), request.cascadeEcids(), request.tagFormat());
        if (extension != null && chosen.stream().anyMatch(p -> p instanceof PortExtensionProbe)) {
            throw new QualifyException(extension);
        }
        Port port = usable(request.port(), "port");
        Port second = null;
        if (request.hasSecondPort()) {
            if (request.secondPort().equals(port.name())) {
                throw new QualifyException("the second port must be another port than '" + port.name() + "'");
            }
            second = usable(request.secondPort(), "second port");
        }
        if (request.probes().isEmpty()) {
            for (Probe p : probes) {
                String needs = p.needs(request);
                if (needs != null) {
                    progress.accept(p.info().id() + " " + p.info().title() + " left out: " + needs);
                }
            }
        }
        List<Port> used = second == null ? List.of(port) : List.of(port, second);
        String owner = "qualification #" + RUNS.incrementAndGet();
        FrameHandler discard = (ingress, frame) -> {
            // the tap records every frame; nothing else must answer the peer during the run
        };
        List<Port> claimed = new ArrayList<>();
        List<AutoCloseable> held = new ArrayList<>();
        try {
            for (Port p : used) {
                claim(p, owner, discard, held);
                claimed.add(p);
            }
            return record(used, owner, chosen, request, progress, null);
        } finally {
            for (AutoCloseable h : held) {
                closeQuietly(h);
            }
            claimed.forEach(p -> p.release(discard));
        }
    }

    /**
     * P4 with this platform's edge relay as the station: nothing is claimed (the relay's LLDP agent
     * and EVB station keep the uplink), the uplink and the relay's VM port B are tapped, and the
     * relay's configuration is restored at the end whatever happened.
     */
    private QualificationReport runWithRelay(QualifyRequest request, Consumer<String> progress) throws QualifyException {
        List<Probe> chosen = request.probes().isEmpty()
                ? probes.stream().filter(p -> p instanceof RevocationProbe).toList() : select(request.probes(), request);
        if (chosen.size() != 1 || !(chosen.get(0) instanceof RevocationProbe)) {
            throw new QualifyException("--relay runs P4 only (the other probes need the port for themselves)");
        }
        if (request.hasSecondPort()) {
            throw new QualifyException("--relay and --second-port do not go together (P10 does not run with a relay)");
        }
        Port uplink = usable(request.port(), "port");
        ConfiguredRelay relay = ConfiguredRelay.open(request.relay(), uplink.name(), bridges, ports, configurationAdmin);
        Port vmOut = usable(relay.vmOut(), "relay VM port");
        try {
            return record(List.of(uplink, vmOut), "qualification #" + RUNS.incrementAndGet() + " (relay " + relay.name() + ")",
                    chosen, request, progress, relay);
        } finally {
            String again = relay.restore(); // the probe restored it already; this is the net under a failure
            if (!again.isEmpty()) {
                LOG.warn("relay '{}': restored after the run: {}", relay.name(), again);
            }
        }
    }

    /** The port named, if it exists and is UP. */
    private Port usable(String name, String what) throws QualifyException {
        Port p = ports.port(name).orElseThrow(() -> new QualifyException("no " + what + " named '" + name + "'"));
        if (p.state() != PortState.UP) {
            throw new QualifyException(what + " '" + p.name() + "' is " + p.state()
                    + (p.reason().isEmpty() ? "" : ": " + p.reason()));
        }
        return p;
    }

    /** Takes the port's frames and its control protocols for the run (undone by the caller through {@code held}). */
    private static void claim(Port port, String owner, FrameHandler discard, List<AutoCloseable> held) throws QualifyException {
        if (!port.claim(owner, discard)) {
            String holder = port.owner();
            port.release(discard); // the claim waits for the owner otherwise
            throw new QualifyException("port '" + port.name() + "' is owned by " + holder + ": release it first");
        }
        for (int etherType : CONTROL_PROTOCOLS) {
            try {
                held.add(port.addControlHandler(etherType, discard));
            } catch (IllegalStateException e) {
                port.release(discard);
                throw new QualifyException(String.format("port '%s' runs a control protocol on EtherType 0x%04X "
                        + "(an LLDP, EVB, CDCP or VDP configuration names it): remove the port from it first",
                        port.name(), etherType));
            }
        }
    }

    private QualificationReport record(List<Port> used, String owner, List<Probe> chosen, QualifyRequest request,
                                       Consumer<String> progress, RelayControl relay) throws QualifyException {
        Port port = used.get(0);
        Path pcapPath = Path.of(request.pcap()).toAbsolutePath();
        long startWallNanos = System.currentTimeMillis() * 1_000_000;
        long startNanos = System.nanoTime();
        Instant started = Instant.now();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(pcapPath));
             PcapWriter pcap = new PcapWriter(os, true)) {
            ProbeSession session = new ProbeSession(used, pcap, progress, startWallNanos);
            session.relay(relay);
            List<ProbeReport> reports = new ArrayList<>();
            LOG.info("qualification of port '{}'{} started ({}), probes {}", port.name(),
                    used.size() > 1 ? (relay != null ? " with relay VM port '" : " with second port '") + used.get(1).name()
                            + "'" : "", owner,
                    chosen.stream().map(p -> p.info().id()).toList());
            List<AutoCloseable> taps = new ArrayList<>();
            try {
                for (int i = 0; i < used.size(); i++) {
                    taps.add(used.get(i).addTap(session.tap(i)));
                }
                boolean interrupted = false;
                for (int i = 0; i < chosen.size(); i++) {
                    ProbeInfo info = chosen.get(i).info();
                    long probeStart = session.nowMillis();
                    long t0 = System.nanoTime();
                    if (interrupted) {
                        reports.add(report(info, new ProbeOutcome(Verdict.NOT_RUN, "the run was stopped before this probe", Map.of()),
                                List.of(), probeStart, 0));
                        continue;
                    }
                    session.startProbe(String.format("[%d/%d] %s %s", i + 1, chosen.size(), info.id(), info.title()));
                    ProbeOutcome outcome;
                    try {
                        outcome = chosen.get(i).run(session, request);
                    } catch (InterruptedException e) {
                        interrupted = true;
                        outcome = new ProbeOutcome(Verdict.NOT_RUN, "stopped while it ran (interrupted)", Map.of());
                    } catch (RuntimeException e) {
                        LOG.warn("probe {} failed on port '{}': {}", info.id(), port.name(), e.toString(), e);
                        outcome = new ProbeOutcome(Verdict.NOT_RUN, "the probe failed: " + e, Map.of());
                    }
                    long took = (System.nanoTime() - t0) / 1_000_000;
                    reports.add(report(info, outcome, session.endProbe(), probeStart, took));
                    progress.accept(String.format("[%d/%d] %s %s: %s — %s", i + 1, chosen.size(), info.id(), info.title(),
                            outcome.verdict().key(), outcome.summary()));
                    session.drain();
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            } finally {
                taps.forEach(QualifyServiceImpl::closeQuietly);
                session.drain();
                session.flush();
            }
            long duration = (System.nanoTime() - startNanos) / 1_000_000;
            LOG.info("qualification of port '{}' finished in {} ms", port.name(), duration);
            return new QualificationReport(port.name(), started.toString(), duration, pcapPath.toString(),
                    session.framesIn(), session.framesOut(), session.notRecorded(), reports,
                    request.hasSecondPort() ? used.get(1).name() : "", relay == null ? "" : relay.name());
        } catch (IOException e) {
            throw new QualifyException("cannot write " + pcapPath + ": " + e.getMessage());
        }
    }

    private static ProbeReport report(ProbeInfo info, ProbeOutcome outcome, List<org.openevb.api.qualify.Observation> evidence,
                                      long startedMillis, long durationMillis) {
        return new ProbeReport(info.id(), info.title(), info.sends(), info.concludes(), outcome.verdict(), outcome.summary(),
                outcome.values(), evidence, startedMillis, durationMillis, outcome.peerState());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // the port is gone: nothing left to undo
        }
    }
}
