package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualifyException;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ethernet.ETag;

/** P12 through the runner, against a scripted E-Tag controlling bridge and against a hairpin. */
class PortExtensionProbeTest {

    @TempDir
    Path dir;

    private final FakePort port = new FakePort(Peers.OUR_MAC);

    private QualifyRequest request(List<Integer> ecids, String format) {
        return new QualifyRequest("up", List.of("P12"), dir.resolve("s.pcap").toString(), 1, true, 1, 1, 0, ecids, format);
    }

    /**
     * A controlling bridge with extended ports 1-3 (E-Tag) that learns MACs per E-CID and floods
     * one copy per other extended port; drops untagged frames and unknown E-CIDs.
     */
    private static final class ScriptedBridge implements Function<byte[], List<byte[]>> {
        final Map<Long, Integer> learnt = new HashMap<>();

        @Override
        public List<byte[]> apply(byte[] f) {
            if (KitFrames.etherType(f) != EtherType.E_TAG) {
                return List.of();
            }
            int from;
            try {
                from = ETag.decode(f, 12, f.length - 12).ecid();
            } catch (CodecException e) {
                return List.of();
            }
            if (from < 1 || from > 3) {
                return List.of();
            }
            learnt.put(MacAddress.read(f, 6), from);
            Integer to = learnt.get(MacAddress.read(f, 0));
            List<byte[]> out = new ArrayList<>();
            for (int id = 1; id <= 3; id++) {
                if (id != from && (to == null || to == id)) {
                    byte[] d = f.clone();
                    ETag.downstream(0, false, id, 0).encode(d, 12);
                    out.add(d);
                }
            }
            return out;
        }
    }

    @Test
    void aControllingBridgePassesWithItsEvidenceAndAHairpinIsNotSupported() throws Exception {
        port.peer = new ScriptedBridge();
        // the scripted peer answers on the sending thread: 20 ms per case is plenty
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port), List.of(new PortExtensionProbe(20, 50)));
        ProbeReport p12 = kit.run(request(List.of(1, 2, 3), "etag"), s -> { }).probes().get(0);
        assertEquals(Verdict.PASS, p12.verdict(), p12.summary());
        assertEquals("replicated per E-CID to [2, 3]", p12.values().get("etag.broadcast"));
        assertEquals("[1, 2, 3]: A 1, B 2, outside the range 4095", p12.values().get("ecids"));
        assertEquals("no LLDPDU from the peer during P12 (P1 listens longer)", p12.values().get("port-extension-tlv"));
        assertTrue(p12.values().get("cascade").startsWith("not probed"));
        assertTrue(p12.evidence().stream().anyMatch(o -> o.direction().equals("in")
                && o.summary().equals("etag known-unicast came back (copy 1): E-Tag E-CID 2, Ingress_E-CID 0")), p12.evidence()
                .toString());
        assertTrue(p12.durationMillis() < 1000, p12.durationMillis() + " ms");

        port.peer = f -> List.of(f);
        ProbeReport hairpin = kit.run(request(List.of(1, 2, 3), "both"), s -> { }).probes().get(0);
        assertEquals(Verdict.NOT_SUPPORTED, hairpin.verdict(), hairpin.summary());
        assertTrue(hairpin.summary().startsWith("E-Tag: nothing came back tagged") && hairpin.summary().contains(" | VN-Tag: "),
                hairpin.summary());
        assertTrue(hairpin.values().get("vntag.known-unicast").startsWith("unchanged (VN-Tag to the bridge, svif 1)"),
                hairpin.values().toString());
    }

    @Test
    void badEcidsOrFormatsAreRefusedBeforeThePortIsTaken() {
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        assertTrue(kit.probes().stream().anyMatch(p -> p.id().equals("P12")), "the kit runs P12");
        assertEquals("E-CID 5000 is not within 1..4095", assertThrows(QualifyException.class,
                () -> kit.run(request(List.of(1, 5000), "etag"), s -> { })).getMessage());
        assertEquals("tag format 'x' is not etag, vntag or both", assertThrows(QualifyException.class,
                () -> kit.run(request(List.of(1, 2), "x"), s -> { })).getMessage());
        assertEquals("", port.owner());
    }
}
