package dev.orchestrator.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.service.LaunchCommand;
import dev.orchestrator.testsupport.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code orchestrator} and {@code orchestrator.cmd} scripts at the repository root. The jar exists only after
 * {@code package}, which comes after the tests: the checks against the real jar run when an earlier build left
 * one, the others always.
 */
class LauncherScriptTest {

    /** Surefire runs in the module's directory, {@code agent/}. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static final Path SCRIPT = ROOT.resolve("orchestrator");

    @TempDir
    Path directory;

    private record Result(int exitCode, String out, String err) {}

    private static Result bash(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script ends").isTrue();
        return new Result(
                process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void bothScriptsGiveRunTheSameJvmOptionsAsAnInstalledServiceAndTheBashOneIsExecutable() throws IOException {
        String bash = Files.readString(SCRIPT);
        String cmd = Files.readString(ROOT.resolve("orchestrator.cmd"));

        assertThat(LaunchCommand.AGENT_JVM_OPTIONS).allSatisfy(option -> {
            assertThat(bash).containsPattern("[ (]" + java.util.regex.Pattern.quote(option) + "[ )]");
            assertThat(cmd).containsPattern("[ =]" + java.util.regex.Pattern.quote(option) + "\\s");
        });
        assertThat(bash)
                .contains("-XX:SharedArchiveFile=$archive\" \"-Xshare:auto\"")
                .contains("\"$@\"");
        assertThat(cmd)
                .contains("-XX:SharedArchiveFile=%ARCHIVE%\" -Xshare:auto")
                .contains(" %*");
        assertThat(Files.isExecutable(SCRIPT) || OS.WINDOWS.isCurrentOs()).isTrue();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void withoutTheJarTheScriptSaysHowToBuildIt() throws Exception {
        Path copy = Files.copy(SCRIPT, directory.resolve("orchestrator"));

        Result result = bash(copy, "--version");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .contains(directory.resolve("agent/target/orchestrator.jar") + " is not built yet")
                .contains("run ./mvnw -B -q install -DskipTests first");
    }

    @IntegrationTest
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void withTheJarTheScriptRunsItWithTheArgumentsAsGiven() throws Exception {
        Path jar = ROOT.resolve("agent/target/orchestrator.jar");
        assumeTrue(
                Files.isRegularFile(jar),
                "agent/target/orchestrator.jar is built by package, after the tests; run this again after a build");
        // a jar left by an earlier build holds older classes than these tests were compiled against
        Path classes = ROOT.resolve("agent/target/classes/dev/orchestrator/agent/cli/Main.class");
        assumeTrue(
                !Files.isRegularFile(classes)
                        || !Files.getLastModifiedTime(jar)
                                .toInstant()
                                .isBefore(Files.getLastModifiedTime(classes).toInstant()),
                "agent/target/orchestrator.jar is older than the compiled classes; run this again after a package");

        Result version = bash(SCRIPT, "--version");
        Result usage = bash(SCRIPT, "validate", "--confg", "pipelines");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).containsPattern("\\d+\\.\\d+");
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err())
                .startsWith("Unknown options: '--confg', 'pipelines'")
                .contains("Usage: orchestrator validate")
                .doesNotContain("Output format:");
    }
}
