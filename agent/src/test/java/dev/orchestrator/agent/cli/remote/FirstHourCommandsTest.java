package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands a data engineer reaches for in the first hour ({@code show}, {@code fires}, {@code diagnostics},
 * and what {@code runs}, {@code logs}, {@code list} and {@code backfill} print), as users run them, against one
 * real agent: the assertions are on the printed text.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class FirstHourCommandsTest {

    private static final String LOCAL_ZONE = ZoneId.systemDefault().getId();

    @TempDir
    static Path directory;

    private static RunningAgentAccess agent;
    private static Path home;

    @BeforeAll
    static void startAgent() throws IOException {
        agent = new RunningAgentAccess(directory.resolve("agent"));
        agent.write("p.yaml", """
                pipelines:
                  - id: talks
                    tasks:
                      - { id: say, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo one >&2"] } }
                      - { id: after, connector: shell, action: run, action_kwargs: { command: "echo ok" }, depends_on: [say] }
                  - id: breaks
                    tasks:
                      - { id: fail, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo \\"KeyError: 'region'\\" >&2; exit 2"] }, retry: { times: 1, delay_seconds: 0 } }
                  - id: busy
                    schedule: { type: interval, interval_seconds: 1, max_instances: 1 }
                    tasks:
                      - { id: hold, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "sleep 600"] } }
                  - id: berlin
                    schedule: { type: cron, cron_expr: "0 6 * * *", timezone: Europe/Berlin }
                    tasks:
                      - { id: tick, connector: shell, action: run, action_kwargs: { command: "echo tick" } }
                """);
        agent.write("later.yaml", """
                pipelines:
                  - id: later
                    tasks:
                      - { id: one, connector: shell, action: run, action_kwargs: { command: "echo one" } }
                """);
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

    private static String ended(String pipelineId) throws InterruptedException {
        Result started = local("trigger", pipelineId);
        assertThat(started.exitCode()).as(started.err()).isZero();
        String runId = started.out().replaceAll("(?s)started run (\\S+) of .*", "$1");
        agent.awaitEnd(runId);
        return runId;
    }

    private static Result awaitOutput(String what, Supplier<Result> command, String expected) {
        return await(what)
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(command::get, result -> result.out().contains(expected));
    }

    @Test
    void showPrintsEachTaskWithItsStateAttemptsDurationCauseAndOutput() throws Exception {
        String failed = ended("breaks");

        Result show = local("show", failed);

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.lines().get(0)).matches("run " + failed + " of breaks: failed after \\d+\\.\\d s");
        assertThat(show.line("trigger")).matches("trigger\\s+api");
        assertThat(show.line("logical time"))
                .matches("logical time\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} " + LOCAL_ZONE);
        assertThat(show.line("started")).endsWith(" " + LOCAL_ZONE);
        String header = show.line("TASK");
        assertThat(header).matches("TASK\\s+STATE\\s+ATTEMPTS\\s+DURATION\\s+CAUSE OR OUTPUT");
        String task = show.line("fail ");
        assertThat(task).matches("fail\\s+failed\\s+2\\s+\\d+\\.\\d s\\s+.*");
        assertThat(task.substring(header.indexOf("CAUSE OR OUTPUT")))
                .contains("KeyError: 'region'")
                .doesNotContain("\n");

        String succeeded = ended("talks");
        Result ok = local("show", succeeded);
        assertThat(ok.lines().get(0)).matches("run " + succeeded + " of talks: success after \\d+\\.\\d s");
        String after = ok.lines().stream()
                .filter(line -> line.startsWith("after "))
                .findFirst()
                .orElseThrow();
        assertThat(after).matches("after\\s+success\\s+1\\s+\\d+\\.\\d s\\s+.*ok.*");

        Result missing = local("show", "run_nope");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("no run 'run_nope'");
    }

    @Test
    void runsShowsTheLogicalTimeInThePipelinesZoneAndTheReason() throws Exception {
        String failed = ended("breaks");
        String berlin = ended("berlin");

        Result runs = local("runs");

        assertThat(runs.exitCode()).as(runs.err()).isZero();
        String header = runs.lines().get(0);
        assertThat(header).contains("LOGICAL TIME", "STARTED", "REASON");
        String row = runs.line(failed);
        assertThat(row.substring(header.indexOf("STARTED")))
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} " + LOCAL_ZONE + " .*");
        assertThat(row.substring(header.indexOf("REASON"))).contains("fail");
        assertThat(runs.line(berlin).substring(header.indexOf("LOGICAL TIME")))
                .matches("\\d{4}-\\d{2}-\\d{2} " + "\\d{2}:\\d{2}:\\d{2} Europe/Berlin .*");
    }

    @Test
    void logsShowsAttemptStartsErrorsAndRetriesBesideTheTasksLines() throws Exception {
        String failed = ended("breaks");

        Result logs = local("logs", failed);

        assertThat(logs.exitCode()).as(logs.err()).isZero();
        List<String> lines = logs.lines();
        int started = indexOf(lines, "fail: attempt 1 started");
        int error = indexOf(lines, "fail: stderr: KeyError: 'region'");
        int failedAttempt = indexOf(lines, "fail: attempt 1 failed: ");
        int retry = indexOf(lines, "fail: attempt 2 started (retry)");
        int lastFailure = indexOf(lines, "fail: attempt 2 failed: ");
        assertThat(List.of(started, error, failedAttempt, retry, lastFailure)).isSorted();
        assertThat(lines.get(failedAttempt)).contains("ERROR").contains("KeyError");
        assertThat(lines.get(started)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} " + LOCAL_ZONE + "  .*");
    }

    private static int indexOf(List<String> lines, String containing) {
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).contains(containing)) {
                return index;
            }
        }
        throw new AssertionError("no line with '" + containing + "' in:\n" + String.join("\n", lines));
    }

    @Test
    void listSaysEachNextRunsZoneThePipelinesOwn() {
        Result list = local("list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        String header = list.lines().get(0);
        String berlin = list.line("berlin ");
        assertThat(berlin.substring(header.indexOf("NEXT RUN")))
                .matches("\\d{4}-\\d{2}-\\d{2} 06:00:00 " + "Europe/Berlin .*");
    }

    @Test
    void firesListsTheScheduledFiresThatDidNotRun() throws Exception {
        Result fires = awaitOutput("a skipped fire of busy", () -> local("fires", "busy"), "skipped_max_instances");

        assertThat(fires.exitCode()).as(fires.err()).isZero();
        String header = fires.lines().get(0);
        assertThat(header).matches("PIPELINE\\s+SCHEDULED FOR\\s+KIND\\s+WHY");
        String row = fires.line("skipped_max_instances");
        assertThat(row).startsWith("busy ");
        assertThat(row.substring(header.indexOf("SCHEDULED FOR")))
                .matches("\\d{4}-\\d{2}-\\d{2} " + "\\d{2}:\\d{2}:\\d{2} " + LOCAL_ZONE + " .*");
        assertThat(fires.lines().get(fires.lines().size() - 1)).matches("page 1 of \\d+ \\(\\d+ fires?\\)(; .*)?");

        Result none = local("fires", "talks");
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).isEqualTo("no skipped or missed fires of talks" + System.lineSeparator());
    }

    @Test
    void diagnosticsListsFilesThatFailToLoadAndListMarksTheirPipelines() throws Exception {
        Result clean = local("diagnostics");
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).doesNotContain("later.yaml");
        try {
            agent.write("later.yaml", """
                    pipelines:
                      - id: later
                        tasks:
                          - { id: one, connector: shell, action: run, action_kwargs: { command: "echo one" }, depends_on: [nothing] }
                    """);

            Result broken = awaitOutput("later.yaml in the diagnostics", () -> local("diagnostics"), "later.yaml");

            assertThat(broken.exitCode()).isEqualTo(1);
            assertThat(broken.line("later.yaml"))
                    .matches(".*/later\\.yaml:\\d+:\\d+\\s+error\\s+\\w+\\d+\\s+.*nothing.*");
            assertThat(broken.out()).contains("still run their last valid version: later");
            Result list = local("list");
            assertThat(list.line("later "))
                    .contains("[last valid version: later.yaml fails to load, see orchestrator diagnostics]");
            assertThat(list.line("talks ")).doesNotContain("last valid version");
        } finally {
            agent.write("later.yaml", """
                    pipelines:
                      - id: later
                        tasks:
                          - { id: one, connector: shell, action: run, action_kwargs: { command: "echo one" } }
                    """);
        }
        Result fixed = awaitOutput("later.yaml loading again", () -> local("diagnostics"), "no problems");
        assertThat(fixed.exitCode()).isZero();
    }

    @Test
    void backfillListsTheRunsItCreatedWithTheirDates() {
        Result backfill = local("backfill", "berlin", "--from", "2024-03-01", "--to", "2024-03-02");

        assertThat(backfill.exitCode()).as(backfill.err()).isZero();
        assertThat(backfill.lines().get(0)).isEqualTo("backfill of berlin from 2024-03-01 to 2024-03-02: 2 runs");
        assertThat(backfill.lines().get(1)).matches("  run_\\S+  2024-03-01 06:00:00 Europe/Berlin");
        assertThat(backfill.lines().get(2)).matches("  run_\\S+  2024-03-02 06:00:00 Europe/Berlin");
    }
}
