package org.openevb.acl.internal;

import java.util.concurrent.TimeUnit;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.IpHeaderView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One ACL decision per operation, as a bridge port makes it: parse the frame's whole header and
 * its IP view, judge it against the compiled rule set, count the rule that decided. The frames
 * cycle through four kinds so no branch is always taken: TCP to port 80 (permitted by the last
 * rule, after every field in use was looked at), TCP to port 22 from a denied subnet (an early
 * rule), UDP to port 53 (a permit rule in the middle), and TCP to port 25 (no rule: the default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AclBench {

    @Param({"1", "100", "256"})
    public int rules;

    private CompiledAcl acl;
    private final EthernetHeaderView eth = new EthernetHeaderView();
    private final IpHeaderView ip = new IpHeaderView();
    private byte[][] frames;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        acl = BenchAcl.compile(rules);
        byte[] web = BenchAcl.tcp("020000000002", "020000000001", 80);
        byte[] ssh = BenchAcl.tcp("020000000002", "020000000001", 22);
        ssh[26] = (byte) 192; // source 192.168.10.1: rule 100 denies 192.168.10.0/24 to port 22
        ssh[27] = (byte) 168;
        ssh[28] = 10;
        byte[] dns = BenchAcl.tcp("020000000002", "020000000001", 53);
        dns[23] = 17; // UDP 10.0.0.1 -> 172.16.1.1:53, permitted by rule 10
        dns[30] = (byte) 172;
        dns[31] = 16;
        dns[32] = 1;
        dns[33] = 1;
        byte[] smtp = BenchAcl.tcp("020000000002", "020000000001", 25);
        frames = new byte[][] {web, ssh, web, dns, web, smtp, web, web};
    }

    @Benchmark
    public int decide() {
        byte[] f = frames[next++ & 7];
        eth.parse(f, 0, f.length);
        ip.parse(eth, f);
        return acl.decide(eth, ip, 1);
    }
}
