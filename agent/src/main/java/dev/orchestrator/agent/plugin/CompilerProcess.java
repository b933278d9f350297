package dev.orchestrator.agent.plugin;

import dev.orchestrator.diagnostic.Diagnostic;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a single-file plugin in a child JVM ({@link PluginCompilerMain}) on the Java runtime this process runs
 * on, so that the JDK's compiler never loads into the agent or the command line: its classes and their code
 * would stay in their memory for good. Costs a JVM start per compile, which only a source not in the cache of
 * compiled plugins pays.
 *
 * <p>Thread safety: stateless; compiles may run in several threads at once, each in its own process and
 * temporary directory.
 */
final class CompilerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(CompilerProcess.class);

    /** The compiler's JVM lives a second or two: the client compiler and the serial collector start it sooner. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** A compile takes a second or two; a loaded machine may take far longer, a hung compiler is given up. */
    private static final Duration CEILING = Duration.ofMinutes(5);

    /** How much of the process's output a failure quotes, from its end. */
    private static final int OUTPUT_SHOWN = 2_000;

    private final ModuleFinder runtimeModules;
    private final Path javaHome;
    private final Optional<Path> archive;

    /** The compiler of the Java runtime this process runs on, with its class archive when one is beside the jar. */
    CompilerProcess() {
        this(
                ModuleFinder.ofSystem(),
                Path.of(System.getProperty("java.home")),
                CompilerArchive.forClassPath(System.getProperty("java.class.path")));
    }

    /**
     * @param runtimeModules the runtime's modules, where the compiler ({@code jdk.compiler}) is looked for
     * @param javaHome       the runtime whose {@code bin/java} runs the compiler
     */
    CompilerProcess(ModuleFinder runtimeModules, Path javaHome) {
        this(runtimeModules, javaHome, Optional.empty());
    }

    /** @param archive the compiler JVM's class-data-sharing archive ({@link CompilerArchive}), if there is one */
    CompilerProcess(ModuleFinder runtimeModules, Path javaHome, Optional<Path> archive) {
        this.runtimeModules = runtimeModules;
        this.javaHome = javaHome;
        this.archive = archive;
    }

    /** What the compiler gave: the class files by binary name, in the order it wrote them, or its errors. */
    record Outcome(Map<String, byte[]> classes, List<Diagnostic> problems) {}

    /** Compiles {@code content}, the bytes of {@code source}; its errors are reported at their line of it. */
    Outcome compile(Path source, byte[] content) throws IOException {
        if (runtimeModules.find("jdk.compiler").isEmpty()) {
            return failure(
                    source,
                    "this Java runtime (" + javaHome + ") has no compiler, the module jdk.compiler; run the agent on a"
                            + " JDK 17 or later rather than a JRE (for example the package openjdk-17-jdk, not"
                            + " openjdk-17-jre), or package the plugin as a JAR");
        }
        Optional<Path> java = javaCommand();
        if (java.isEmpty()) {
            return failure(
                    source,
                    "this Java runtime (" + javaHome + ") has no java command in its bin directory to run the"
                            + " compiler in; run the agent on a full JDK 17 or later, or package the plugin as a JAR");
        }
        Path work = Files.createTempDirectory("orchestrator-compile-");
        try {
            Path contentFile = Files.write(work.resolve("content"), content);
            Path result = work.resolve("result");
            Path output = work.resolve("output.txt");
            List<String> command = new ArrayList<>();
            command.add(java.get().toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(CompilerArchive.options(archive));
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    PluginCompilerMain.class.getName(),
                    source.toAbsolutePath().toString(),
                    contentFile.toString(),
                    result.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!awaitEnd(process)) {
                return failure(source, "the compiler did not finish within " + CEILING.toMinutes() + " minutes");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(result)) {
                return failure(
                        source,
                        "the compiler's process (" + java.get() + ") failed with exit code " + process.exitValue()
                                + ": " + tail(output));
            }
            return read(source, result);
        } finally {
            deleteQuietly(work);
        }
    }

    private static boolean awaitEnd(Process process) throws IOException {
        try {
            if (process.waitFor(CEILING.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly();
            return false;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the plugin was compiled", e);
        }
    }

    private Optional<Path> javaCommand() {
        return Stream.of("java", "java.exe")
                .map(name -> javaHome.resolve("bin").resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Outcome read(Path source, Path result) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(result)))) {
            List<Diagnostic> problems = new ArrayList<>();
            int errors = in.readInt();
            for (int index = 0; index < errors; index++) {
                int line = in.readInt();
                problems.add(PluginLoader.problem(source, line, "does not compile: " + readString(in)));
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            int count = in.readInt();
            for (int index = 0; index < count; index++) {
                String name = readString(in);
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                classes.put(name, bytes);
            }
            return new Outcome(classes, problems);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Outcome failure(Path source, String message) {
        return new Outcome(Map.of(), List.of(PluginLoader.problem(source, 1, message)));
    }

    private static String tail(Path output) throws IOException {
        String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
        return text.length() <= OUTPUT_SHOWN ? text : "..." + text.substring(text.length() - OUTPUT_SHOWN);
    }

    private static void deleteQuietly(Path tree) {
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete the compiler's temporary directory {}: {}", tree, e.toString());
        }
    }
}
