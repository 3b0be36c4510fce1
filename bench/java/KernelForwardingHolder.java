import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.openevb.api.driver.CpuSet;
import org.openevb.api.driver.DriverHandle;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.api.driver.KernelForwarding;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.driver.xdp.internal.XdpDriver;

/**
 * For bench/kernel-forwarding: opens IN and OUT with the xdp driver (XDP generic or native), adds
 * one entry to IN's kernel forwarding table (DST from SRC, untagged, out of OUT), says "ready"
 * and holds them until its standard input ends or says "stop"; then prints what the table
 * forwarded and what IN's port received, and closes both.
 *
 *   java -cp JARS bench/java/KernelForwardingHolder.java IN OUT DST SRC generic|native
 */
public final class KernelForwardingHolder {

    public static void main(String[] args) throws Exception {
        String in = args[0];
        String out = args[1];
        long dst = MacAddress.parse(args[2]);
        long src = MacAddress.parse(args[3]);
        boolean xdpNative = args[4].equals("native");
        AtomicLong received = new AtomicLong();
        XdpDriver driver = new XdpDriver();
        try (DriverHandle a = driver.open(in, options(in, xdpNative), counting(received));
                DriverHandle b = driver.open(out, options(out, xdpNative), counting(new AtomicLong()))) {
            KernelForwarding table = a.kernelForwarding();
            if (table == null || b.kernelForwarding() == null) {
                throw new IllegalStateException("no kernel forwarding table on this kernel");
            }
            if (!table.add(dst, src, KernelForwarding.UNTAGGED, b.kernelForwarding().ifindex())) {
                throw new IllegalStateException("table full");
            }
            System.out.println("ready");
            System.out.flush();
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line;
            while ((line = stdin.readLine()) != null && !line.equals("stop")) {
                System.out.println("forwarded " + table.forwardedFrames() + " frames " + table.forwardedBytes()
                        + " bytes, port received " + received.get());
                System.out.flush();
            }
            System.out.println("forwarded " + table.forwardedFrames() + " frames " + table.forwardedBytes()
                    + " bytes, port received " + received.get());
        }
    }

    private static DriverOptions options(String itf, boolean xdpNative) {
        return new DriverOptions(2048, 4 << 20, 100, true, "evb-rx-" + itf, CpuSet.ANY, 1, xdpNative);
    }

    private static DriverListener counting(AtomicLong received) {
        Frame frame = new Frame(2048);
        return new DriverListener() {
            @Override
            public Frame rxFrame() {
                return frame;
            }

            @Override
            public void received(Frame f) {
                received.incrementAndGet();
            }

            @Override
            public void stopped(String reason) {
                System.out.println("stopped: " + reason);
            }
        };
    }
}
