package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orchestrator test PIPELINE TASK}: one task run now, its dependencies' outputs taken from the last
 * successful run or given, its log and output printed, the run recorded as a test; against one real agent.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class TestCommandTest {

    @TempDir
    static Path directory;

    private static RunningAgentAccess agent;
    private static Path home;
    private static Path extracts;
    private static Path loads;

    @BeforeAll
    static void startAgent() throws IOException {
        agent = new RunningAgentAccess(directory.resolve("agent"));
        extracts = directory.resolve("extracts.txt");
        loads = directory.resolve("loads.txt");
        agent.write("p.yaml", """
                pipelines:
                  - id: etl
                    params: { factor: 1 }
                    tasks:
                      - { id: extract, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo x >> %s; echo '{\\"rows\\": 3}'"] } }
                      - { id: transform, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo 'reading with factor {{ params.factor }}' >&2; cat"] }, depends_on: [extract], pass_output_from: extract }
                      - { id: load, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo x >> %s"] }, depends_on: [transform] }
                  - id: fresh
                    tasks:
                      - { id: first, connector: shell, action: run, action_kwargs: { command: "echo 1" } }
                      - { id: second, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "cat; exit 3"] }, depends_on: [first], pass_output_from: first, retry: { times: 0 } }
                """.formatted(extracts, loads));
        agent.start();
        home = directory.resolve("agent").resolve("home");
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    private static Result local(String... args) {
        return CliRun.runWithHome(home, args);
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    void runsOneTaskWithTheLastSuccessfulRunsOutputsAndPrintsItsLogAndOutput() throws Exception {
        Result whole = local("trigger", "etl", "--wait");
        assertThat(whole.exitCode()).as(whole.out() + whole.err()).isZero();
        String source = whole.out()
                .lines()
                .filter(line -> line.startsWith("run "))
                .findFirst()
                .orElseThrow()
                .split(" ")[1];
        long extractsBefore = lines(extracts);
        long loadsBefore = lines(loads);

        Result test = local("test", "etl", "transform", "--param", "factor=2");

        assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
        assertThat(test.out().lines().findFirst().orElseThrow())
                .matches("test run run_\\S+ of etl: task transform only, nothing scheduled");
        assertThat(test.line("input extract")).contains("from run " + source);
        assertThat(test.line("transform: stderr: reading with factor 2")).matches("\\d{4}-\\d{2}-\\d{2} .*");
        assertThat(test.line("task transform: ")).matches("task transform: success after \\d+\\.\\d s");
        assertThat(test.line("output: ")).isEqualTo("output: {\"rows\":3}");
        // neither its dependency nor what follows it ran
        assertThat(lines(extracts)).isEqualTo(extractsBefore);
        assertThat(lines(loads)).isEqualTo(loadsBefore);

        String testRun = test.out().lines().findFirst().orElseThrow().split(" ")[2];
        Result runs = local("runs", "--pipeline", "etl");
        String header = runs.out().lines().findFirst().orElseThrow();
        assertThat(runs.line(testRun).substring(header.indexOf("TRIGGER"))).startsWith("test ");
    }

    @Test
    void takesGivenInputsInsteadOfStoredOnes() {
        Result test = local("test", "etl", "transform", "--input", "extract={\"rows\": 7}");

        assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
        assertThat(test.line("input extract")).contains("given with --input");
        assertThat(test.line("output: ")).isEqualTo("output: {\"rows\":7}");
    }

    @Test
    void saysWhichInputIsMissingAndHowToGiveIt() {
        Result test = local("test", "fresh", "second");

        assertThat(test.exitCode()).isEqualTo(1);
        assertThat(test.err())
                .contains("task second needs the output of first, and no successful run of fresh "
                        + "has one; give it with --input first=JSON");
    }

    @Test
    void exitsOneWithTheCauseWhenTheTaskFails() {
        Result test = local("test", "fresh", "second", "--input", "first=\"hello\"");

        assertThat(test.exitCode()).isEqualTo(1);
        assertThat(test.line("task second: ")).matches("task second: failed after \\d+\\.\\d s: .*code 3.*");
    }

    @Test
    void refusesAnUnknownTask() {
        Result test = local("test", "etl", "nope");

        assertThat(test.exitCode()).isEqualTo(1);
        assertThat(test.err()).contains("pipeline etl has no task 'nope'; its tasks: extract, transform, load");
    }
}
