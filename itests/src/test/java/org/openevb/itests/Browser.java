package org.openevb.itests;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A page as a browser renders it: headless Chromium (Debian {@code chromium-headless-shell}, which
 * {@code .ci/setup} installs) prints the DOM it built and takes a screenshot. Runs as root, hence
 * without Chromium's sandbox; the page is a local file and Chromium is told to fetch nothing else.
 */
final class Browser {

    private static final String CHROMIUM = "chromium-headless-shell";

    private Browser() {
    }

    /** The DOM Chromium built from {@code page}, serialised. */
    static String dom(Path page) {
        return Commands.run(command("--dump-dom", page));
    }

    /** A screenshot of {@code page}, {@code width} x {@code height} pixels, written to {@code png}. */
    static BufferedImage screenshot(Path page, Path png, int width, int height) throws IOException {
        Files.deleteIfExists(png);
        Commands.run(CHROMIUM, "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
                page.toAbsolutePath().toUri().toString());
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("Chromium wrote no screenshot of " + page);
        }
        return ImageIO.read(png.toFile());
    }

    /** How many pixels of {@code image} are exactly {@code rgb} (0xRRGGBB). */
    static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String[] command(String what, Path page) {
        return new String[] {CHROMIUM, "--no-sandbox", "--disable-gpu", "--no-first-run", what,
                page.toAbsolutePath().toUri().toString()};
    }
}
