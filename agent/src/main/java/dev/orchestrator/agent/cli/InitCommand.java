package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator init NAME}: a runnable project with a sample pipeline and a sample connector. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Create a project: pipelines/ with a sample pipeline, connectors/ with a sample connector.")
public final class InitCommand implements Callable<Integer> {

    private static final Map<String, String> FILES = Map.of(
            "pipelines/hello.yaml", "hello.yaml.txt",
            "connectors/Greeter.java", "Greeter.java.txt",
            "README.md", "README.md.txt",
            ".env.example", "env.example.txt",
            ".gitignore", "gitignore.txt");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Directory to create (it must not exist yet, or be empty).")
    private Path name;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(name) && (!Files.isDirectory(name) || !isEmptyDirectory(name))) {
            throw new ParameterException(
                    spec.commandLine(), "'" + name + "' exists and is not empty; " + "choose a new name");
        }
        Files.createDirectories(name.resolve("pipelines").resolve("data"));
        Files.createDirectories(name.resolve("connectors"));
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            String text =
                    template(file.getValue()).replace("%s", name.getFileName().toString());
            Files.writeString(name.resolve(file.getKey()), text, StandardCharsets.UTF_8);
        }
        spec.commandLine()
                .getOut()
                .println("created " + name + ": next, cd " + name
                        + " && orchestrator validate --config pipelines --plugins connectors");
        return ExitCodes.OK;
    }

    private static boolean isEmptyDirectory(Path directory) throws IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String template(String resource) {
        try (InputStream in = InitCommand.class.getResourceAsStream("/dev/orchestrator/agent/init/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the orchestrator jar lacks its project template " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
