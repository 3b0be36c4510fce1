package org.openevb.qualify.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Walks a subtree of an SNMPv2c agent over UDP with GetNext requests: each request waits up to
 * {@value #TIMEOUT_MILLIS} ms and is sent up to {@value #TRIES} times; a walk reads at most
 * {@value #MAX_BINDINGS} bindings.
 */
final class SnmpWalker {

    static final int DEFAULT_PORT = 161;
    static final int TIMEOUT_MILLIS = 1000;
    static final int TRIES = 3;
    static final int MAX_BINDINGS = 256;

    private SnmpWalker() {
    }

    /** What a walk read, and why it stopped early (null: it read the whole subtree). */
    record Walk(List<Snmp.Binding> bindings, String error, int requests) {
    }

    /**
     * {@code host}, {@code host:port} or {@code [v6]:port} as an address (port 161 when none).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static InetSocketAddress address(String text) {
        String t = text.trim();
        String host = t;
        int port = DEFAULT_PORT;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': no closing ']'");
            }
            host = t.substring(1, close);
            if (close + 1 < t.length()) {
                if (t.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("'" + text + "': expected ':PORT' after ']'");
                }
                port = port(text, t.substring(close + 2));
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = port(text, t.substring(t.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': no host");
        }
        return new InetSocketAddress(host, port);
    }

    private static int port(String text, String p) {
        try {
            int port = Integer.parseInt(p);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "': port '" + p + "' is not within 1..65535");
    }

    static Walk walk(InetSocketAddress agent, String community, String root) throws InterruptedException {
        List<Snmp.Binding> read = new ArrayList<>();
        if (agent.isUnresolved()) {
            return new Walk(read, "cannot resolve " + agent.getHostString(), 0);
        }
        int requests = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(agent);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            byte[] in = new byte[65535];
            String next = root;
            while (read.size() < MAX_BINDINGS) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                int id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
                byte[] request = Snmp.getNext(community, id, next);
                Snmp.Response answer = null;
                for (int t = 0; t < TRIES && answer == null; t++) {
                    requests++;
                    socket.send(new DatagramPacket(request, request.length));
                    answer = await(socket, in, id);
                }
                if (answer == null) {
                    return new Walk(read, "no answer from " + agent.getHostString() + ":" + agent.getPort() + " to "
                            + TRIES + " requests of " + TIMEOUT_MILLIS + " ms (address, community, or no agent)", requests);
                }
                if (answer.errorStatus() != 0) {
                    return new Walk(read, "the agent answered error-status " + answer.errorStatus(), requests);
                }
                if (answer.bindings().size() != 1) {
                    return new Walk(read, "the agent answered " + answer.bindings().size() + " bindings for one", requests);
                }
                Snmp.Binding b = answer.bindings().get(0);
                if (b.endOfView() || !Snmp.under(b.oid(), root)) {
                    return new Walk(read, null, requests);
                }
                read.add(b);
                next = b.oid();
            }
            return new Walk(read, "stopped after " + MAX_BINDINGS + " bindings", requests);
        } catch (java.net.PortUnreachableException e) {
            return new Walk(read, "no SNMP agent at " + agent.getHostString() + ":" + agent.getPort()
                    + " (the host says the port is unreachable)", requests);
        } catch (IOException e) {
            return new Walk(read, "SNMP to " + agent.getHostString() + ":" + agent.getPort() + " failed: " + e, requests);
        }
    }

    /** The response to request {@code id}, or null when none came within the timeout. */
    private static Snmp.Response await(DatagramSocket socket, byte[] in, int id) throws IOException {
        long end = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (System.nanoTime() - end < 0) {
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            try {
                Snmp.Response r = Snmp.response(p.getData(), p.getLength());
                if (r.requestId() == id) {
                    return r;
                }
            } catch (IllegalArgumentException e) {
                // not an answer we can read: wait for the next one
            }
        }
        return null;
    }
}
