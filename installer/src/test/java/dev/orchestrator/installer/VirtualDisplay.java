package dev.orchestrator.installer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An X display in memory (Xvfb), for a desktop program to open real windows on. What it needs comes from Debian's
 * packages; when they are missing the test is skipped, saying what to install.
 */
final class VirtualDisplay implements AutoCloseable {

    /** What a check finds on the machine, and the Debian package that brings it. */
    private static final Map<Path, String> NEEDED = new LinkedHashMap<>(Map.of(
            Path.of("/usr/bin/Xvfb"), "xvfb",
            Path.of("/usr/bin/xwininfo"), "x11-utils",
            Path.of("/usr/lib/x86_64-linux-gnu/libgtk-3.so.0"), "libgtk-3-0"));

    private final Process xvfb;
    private final int number;

    private VirtualDisplay(Process xvfb, int number) {
        this.xvfb = xvfb;
        this.number = number;
    }

    static VirtualDisplay start(int width, int height) throws IOException, InterruptedException {
        assumeInstalled();
        int number = 90;
        while (Files.exists(Path.of("/tmp/.X" + number + "-lock")) || Files.exists(socket(number))) {
            number++;
        }
        Process xvfb = new ProcessBuilder(
                        "Xvfb", ":" + number, "-screen", "0", width + "x" + height + "x24", "-nolisten", "tcp")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int display = number;
        try {
            await("Xvfb on display :" + display)
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!xvfb.isAlive()) {
                            throw new IllegalStateException("Xvfb exited with " + xvfb.exitValue());
                        }
                        return Files.exists(socket(display));
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            xvfb.destroyForcibly();
            throw new IllegalStateException("Xvfb did not start on display :" + display, e);
        }
        return new VirtualDisplay(xvfb, number);
    }

    private static Path socket(int number) {
        return Path.of("/tmp/.X11-unix/X" + number);
    }

    /** Skips the calling test, saying what to install, when a program it needs is missing: a test installs nothing. */
    private static void assumeInstalled() {
        List<String> missing = new ArrayList<>();
        NEEDED.forEach((file, debianPackage) -> {
            if (!Files.exists(file)) {
                missing.add(debianPackage);
            }
        });
        if (!missing.isEmpty()) {
            String reason = "the console test needs " + missing + " (Debian packages), so the packaged console was not "
                    + "shown: sudo apt-get install --no-install-recommends " + String.join(" ", missing);
            System.err.println("SKIPPED: " + reason);
            assumeTrue(false, reason);
        }
    }

    /** The value of DISPLAY for programs that should draw here. */
    String name() {
        return ":" + number;
    }

    /** Whether a top-level window with this title is open. */
    boolean showsWindow(String title) throws IOException, InterruptedException {
        Process xwininfo = new ProcessBuilder("xwininfo", "-root", "-tree", "-display", name())
                .redirectErrorStream(true)
                .start();
        String tree = new String(xwininfo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        xwininfo.waitFor();
        return tree.contains("\"" + title + "\"");
    }

    /** The whole screen as a PNG, taken by a JVM of its own: AWT reads DISPLAY once, from its environment. */
    void capture(Path png) throws IOException, InterruptedException {
        ProcessBuilder capture = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ScreenCapture.class.getName(),
                        png.toString())
                .redirectErrorStream(true);
        capture.environment().put("DISPLAY", name());
        Process process = capture.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the screen capture failed:\n" + output);
        }
    }

    @Override
    public void close() {
        xvfb.destroy();
        try {
            if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly();
            }
        } catch (InterruptedException e) {
            xvfb.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
