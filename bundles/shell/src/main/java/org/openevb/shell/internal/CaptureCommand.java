package org.openevb.shell.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.port.PortTap;
import org.openevb.codec.pcap.PcapWriter;

/**
 * Writes the frames a port receives and sends to a pcap file that Wireshark and tshark open. The
 * port's thread only copies each frame into a bounded queue; this command's thread writes.
 */
@Service
@Command(scope = "evb", name = "capture", description = "Writes a port's frames to a pcap file (until the count, the duration or Ctrl-C)")
public class CaptureCommand implements Action {

    private static final int QUEUE = 16384;

    @Reference
    PortRegistry registry;

    @Argument(index = 0, name = "port", required = true, description = "Port name")
    @Completion(PortNameCompleter.class)
    String portName;

    @Argument(index = 1, name = "file", required = true, description = "pcap file to write")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "-c", aliases = "--count", description = "Stop after this many frames (0: no limit)")
    long count;

    @Option(name = "-t", aliases = "--duration", description = "Stop after this many seconds (0: until Ctrl-C)")
    long seconds;

    @Option(name = "-d", aliases = "--direction", description = "in, out or both", valueToShowInHelp = "both")
    String direction = "both";

    @Override
    public Object execute() throws Exception {
        Port port = registry.port(portName).orElse(null);
        if (port == null) {
            throw new CommandFailure("no port named '" + portName + "'");
        }
        boolean in = !direction.equals("out");
        boolean out = !direction.equals("in");
        if (!direction.equals("in") && !direction.equals("out") && !direction.equals("both")) {
            throw new CommandFailure("--direction: '" + direction + "' is not one of in, out, both");
        }
        BlockingQueue<Captured> queue = new ArrayBlockingQueue<>(QUEUE);
        AtomicLong overflow = new AtomicLong();
        PortTap tap = (dir, ts, frame) -> {
            if ((dir == PortTap.Direction.IN && in) || (dir == PortTap.Direction.OUT && out)) {
                if (!queue.offer(new Captured(ts, frame.toByteArray()))) {
                    overflow.incrementAndGet();
                }
            }
        };
        Path path = Path.of(file).toAbsolutePath();
        long written = 0;
        long deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(path));
             PcapWriter writer = new PcapWriter(os);
             AutoCloseable registration = port.addTap(tap)) {
            System.out.println("capturing on port '" + port.name() + "' to " + path + " (Ctrl-C to stop)");
            while ((count == 0 || written < count) && System.nanoTime() < deadline) {
                Captured c;
                try {
                    c = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    break; // Ctrl-C
                }
                if (c != null) {
                    writer.write(c.timestampNanos, c.bytes, 0, c.bytes.length);
                    written++;
                    if (queue.isEmpty()) {
                        writer.flush();
                    }
                }
            }
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + path + ": " + e.getMessage());
        }
        System.out.println(written + " frames written to " + path
                + (overflow.get() > 0 ? " (" + overflow.get() + " not captured: writer too slow)" : ""));
        return null;
    }

    private record Captured(long timestampNanos, byte[] bytes) {
    }
}
