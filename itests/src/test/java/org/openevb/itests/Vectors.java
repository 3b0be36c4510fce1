package org.openevb.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openevb.codec.pcap.PcapReader;

/** The frames of the test vectors (the codec module's test resources). */
final class Vectors {
    private Vectors() {
    }

    static List<byte[]> frames(String fileName) throws IOException {
        Path dir = Path.of(System.getProperty("evb.vectors", "../bundles/codec/src/test/resources/vectors"));
        try (Stream<Path> files = Files.walk(dir)) {
            Path file = files.filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
                    .orElseThrow(() -> new AssertionError("vector file " + fileName + " not found under " + dir));
            List<byte[]> frames = new ArrayList<>();
            for (PcapReader.Record r : PcapReader.readAll(file)) {
                frames.add(r.data());
            }
            return frames;
        }
    }
}
