package org.openevb.itests;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * What the ACL tests run in their VM namespaces: a server on TCP 80 and 22 that answers each
 * connection with its port and what it was sent, and a client that tries both, one line each
 * ("80 port 80: hello" or "22 failed TimeoutError"); and how many frames a rule of an ACL counted.
 */
final class TcpPorts {
    private TcpPorts() {
    }

    /** The server (python3 -u -c), for 60 s; prints "ready" once it listens. */
    static final String SERVER = String.join("\n",
            "import select, socket, time",
            "listeners = []",
            "for port in (80, 22):",
            "    s = socket.socket()",
            "    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "    s.bind(('0.0.0.0', port))",
            "    s.listen(4)",
            "    listeners.append(s)",
            "print('ready', flush=True)",
            "deadline = time.time() + 60",
            "while time.time() < deadline:",
            "    ready, _, _ = select.select(listeners, [], [], 0.2)",
            "    for s in ready:",
            "        c, _ = s.accept()",
            "        c.settimeout(5)",
            "        data = c.recv(100)",
            "        c.sendall(b'port %d: ' % s.getsockname()[1] + data)",
            "        c.close()");

    /** The client (python3 -c CLIENT ADDRESS): ports 80 then 22, 2.5 s each at most. */
    static final String CLIENT = String.join("\n",
            "import socket, sys",
            "for port in (80, 22):",
            "    try:",
            "        c = socket.create_connection((sys.argv[1], port), timeout=2.5)",
            "        c.sendall(b'hello')",
            "        print(port, c.recv(100).decode(), flush=True)",
            "        c.close()",
            "    except Exception as e:",
            "        print(port, 'failed', type(e).__name__, flush=True)");

    /** What one run of the client said, and the frames to ports 80 and 22 tcpdump saw leave its VM. */
    record Run(String output, long to80, long to22) {
    }

    /** Starts the server in namespace {@code ns} (a daemon of the lab) and waits until it listens on both ports. */
    static void serve(NetLab lab, String daemon, String ns) throws Exception {
        lab.daemon(daemon, "ip", "netns", "exec", ns, "python3", "-u", "-c", SERVER);
        Await.until(ns + " listening on 80 and 22", 10,
                () -> lab.in(ns, "ss", "-ltn").contains(":80 ") && lab.in(ns, "ss", "-ltn").contains(":22 "));
    }

    /** Runs the client in namespace {@code ns} against {@code address}, capturing what it sends on eth0. */
    static Run connect(NetLab lab, String ns, String address) throws Exception {
        NetLab.Capture sent = lab.capture(ns, "eth0", 100_000, false, "tcp dst port 80 or tcp dst port 22");
        String out = lab.in(ns, "python3", "-c", CLIENT, address);
        Thread.sleep(500); // the last frames through the bridge before the capture stops
        List<byte[]> frames = sent.await(1);
        return new Run(out, frames.stream().filter(f -> dstPort(f) == 80).count(),
                frames.stream().filter(f -> dstPort(f) == 22).count());
    }

    /** The TCP destination port of an untagged IPv4 frame, -1 for any other frame. */
    static int dstPort(byte[] f) {
        if (f.length < 38 || (f[12] & 0xFF) != 0x08 || f[13] != 0 || f[23] != 6) {
            return -1;
        }
        int l4 = 14 + (f[14] & 0x0F) * 4;
        return (f[l4 + 2] & 0xFF) << 8 | (f[l4 + 3] & 0xFF);
    }

    /** The frames rule {@code id} counted, from an ACL's JSON view (acl-show --json). */
    static long ruleFrames(JsonObject view, int id) {
        for (JsonElement r : view.getAsJsonArray("rules")) {
            if (r.getAsJsonObject().get("id").getAsInt() == id) {
                return r.getAsJsonObject().get("frames").getAsLong();
            }
        }
        throw new AssertionError("no rule " + id + " in " + view);
    }
}
