package org.openevb.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path output = null;
        try {
            // output to a file, not a pipe: a command printing more than the pipe holds (tshark's PDML of a
            // whole session) would block on its write and never exit while this waits for it
            output = Files.createTempFile("evb-command", ".out");
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after 30 s");
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file
                }
            }
        }
    }

    record Result(int exit, String output) {
    }
}
