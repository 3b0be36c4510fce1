package org.openevb.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs system commands with a time bound; a failure says which command and what it printed. */
final class Commands {
    private Commands() {
    }

    /** Runs a command, fails with its output if it exits non-zero or takes longer than 30 s. */
    static String run(String... command) {
        Result r = tryRun(command);
        if (r.exit != 0) {
            throw new AssertionError("command failed (exit " + r.exit + "): " + String.join(" ", command) + "\n" + r.output);
        }
        return r.output;
    }

    /** Runs a command and returns its exit code and output, whatever they are. */
    static Result tryRun(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after 30 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    record Result(int exit, String output) {
    }
}
