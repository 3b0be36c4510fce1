package org.openevb.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the distribution's scripts ({@code bin/evb}, {@code bin/evb-qualify}) against the Karaf the
 * test booted, as a user's script would: its administrator created by {@code bin/evb-credentials}
 * (Karaf reads its users at each login), its SSH port from etc/.
 */
final class DistributionScripts {
    private DistributionScripts() {
    }

    /** Runs {@code bin/SCRIPT ARGS}: its exit status and its output (standard output and error). */
    static Commands.Result run(String script, String... args) throws Exception {
        Path home = Path.of(System.getProperty("karaf.base", ".")).toAbsolutePath();
        Commands.run("sh", home.resolve("bin/evb-credentials").toString());
        Commands.run("chmod", "+x", home.resolve("bin/client").toString(), home.resolve("bin/evb").toString());
        String ssh = null;
        for (String line : Files.readAllLines(home.resolve("etc/org.apache.karaf.shell.cfg"))) {
            if (line.trim().startsWith("sshPort")) {
                ssh = line.substring(line.indexOf('=') + 1).trim();
            }
        }
        List<String> cmd = new ArrayList<>(List.of("env", "EVB_SSH_PORT=" + ssh, "EVB_CLIENT_RETRIES=3",
                "JAVA_HOME=" + System.getProperty("java.home"), "sh", home.resolve("bin/" + script).toString()));
        cmd.addAll(List.of(args));
        Commands.Result r = Commands.tryRun(cmd.toArray(String[]::new));
        System.out.println("[scripts] bin/" + script + " " + String.join(" ", args) + " -> " + r.exit());
        return r;
    }
}
