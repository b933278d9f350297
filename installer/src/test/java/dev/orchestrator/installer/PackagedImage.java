package dev.orchestrator.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application image the packaging build made ({@code installer/target/jpackage/image/orchestrator-console}),
 * and its launchers run as users run them: as programs of their own, with nothing from the test's class path.
 */
final class PackagedImage {

    private final Path root;

    private PackagedImage(Path root) {
        this.root = root;
    }

    static PackagedImage built() {
        Path root = Path.of(required("packaged.image"));
        if (!Files.isExecutable(root.resolve("bin").resolve("orchestrator"))) {
            throw new IllegalStateException("no packaged orchestrator launcher in " + root + "; these tests run in "
                    + "the packaging build: ./mvnw -B -Ppackage -pl installer -am verify");
        }
        return new PackagedImage(root);
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; these tests run in the "
                    + "packaging build: ./mvnw -B -Ppackage -pl installer -am verify");
        }
        return value;
    }

    static Path projectRoot() {
        return Path.of(required("project.root")).toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path launcher(String name) {
        return root.resolve("bin").resolve(name);
    }

    /** A launcher's configuration: its class path and main class, as jpackage's launcher reads them. */
    List<String> configuration(String launcher) throws IOException {
        return Files.readAllLines(root.resolve("lib").resolve("app").resolve(launcher + ".cfg"));
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {}

    /** Runs {@code orchestrator ARGS} to its end (at most a minute), in {@code directory}. */
    Result orchestrator(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher("orchestrator").toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("orchestrator-", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within a minute:\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Starts a launcher in the background, its output (both streams) appended to {@code output}. */
    Process start(String launcher, List<String> arguments, Map<String, String> environment, Path output)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher(launcher).toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
