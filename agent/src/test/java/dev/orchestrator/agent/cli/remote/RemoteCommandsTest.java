package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.cli.Main;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import dev.orchestrator.model.RunState;
import dev.orchestrator.testsupport.IntegrationTest;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote commands as users run them ({@link Main#newCommandLine()}, so exit codes and error reporting are
 * the real ones), against one real agent in this JVM, found through its home unless a test says otherwise.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RemoteCommandsTest {

    @TempDir
    static Path directory;

    private static RunningAgentAccess agent;
    private static Path home;
    private static String url;
    private static String token;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startAgent() throws IOException {
        agent = new RunningAgentAccess(directory.resolve("agent"));
        // `waits` holds its task until the file named by its `gate` parameter exists
        agent.write("p.yaml", """
                pipelines:
                  - id: talks
                    name: Talks a bit
                    labels: [demo]
                    params: { target: nowhere }
                    tasks:
                      - { id: say, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo one >&2; echo two >&2"] } }
                      - { id: after, connector: shell, action: run, action_kwargs: { command: "echo ok" }, depends_on: [say] }
                  - id: breaks
                    tasks:
                      - { id: fail, connector: shell, action: run, action_kwargs: { command: "false" }, retry: { times: 0 } }
                  - id: waits
                    params: { gate: /nonexistent }
                    tasks:
                      - { id: hold, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo waiting >&2; while [ ! -f '{{ params.gate }}' ]; do sleep 0.05; done; echo released >&2"] } }
                  - id: daily
                    schedule: { type: cron, cron_expr: "0 6 * * *", timezone: UTC }
                    tasks:
                      - { id: tick, connector: shell, action: run, action_kwargs: { command: "echo tick" } }
                """);
        agent.start();
        home = directory.resolve("agent").resolve("home");
        url = "http://127.0.0.1:" + agent.agent().port();
        token = Files.readString(home.resolve("token")).strip();
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    /** The command, with the agent found through its home as on the agent's own machine. */
    private static Result local(String... args) {
        return CliRun.runWithHome(home, args);
    }

    private static Result run(String... args) {
        return CliRun.run(args);
    }

    private JsonNode json(Result result) throws IOException {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return json.readTree(result.out());
    }

    private String startedRun(String... triggerArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("trigger"));
        args.addAll(List.of(triggerArgs));
        args.add("--json");
        return json(local(args.toArray(String[]::new))).get("run_id").asText();
    }

    private JsonNode runDetail(String runId) throws Exception {
        agent.awaitEnd(runId);
        return json(local("runs", "--search", runId, "--json")).get("items").get(0);
    }

    private static String localTime(String isoTime) {
        return OffsetDateTime.parse(isoTime)
                .atZoneSameInstant(ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    @IntegrationTest
    @Test
    void listAsItsOwnProgramLoadsNeitherTheLoggingNorTls() throws Exception {
        Path classes = directory.resolve("list-classes.log");
        Path output = directory.resolve("list-output.log");
        Process list = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xlog:class+load=info:file=" + classes,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "list",
                        "--home",
                        home.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(list.waitFor(2, TimeUnit.MINUTES)).as("list ended").isTrue();
        assertThat(list.exitValue()).as(Files.readString(output)).isZero();
        assertThat(Files.readString(output)).contains("talks");

        List<String> loaded = Files.readAllLines(classes);

        assertThat(loaded)
                .as("classes loaded by `orchestrator list`")
                .isNotEmpty()
                .noneMatch(line -> line.contains(" ch.qos.logback."))
                // TLS set up: an SSL context, and the trust store read with its certificates
                .noneMatch(line -> line.contains(" javax.net.ssl.SSLContext "))
                .noneMatch(line -> line.contains(" java.security.KeyStore "))
                .noneMatch(line -> line.contains(" sun.security.x509."));
    }

    @Test
    void listsPipelinesInAlignedColumnsAndAsJson() throws IOException {
        Result text = local("list");

        assertThat(text.exitCode()).as(text.err()).isZero();
        String header = text.lines().get(0);
        assertThat(header).startsWith("ID").contains("NAME", "STATUS", "NEXT RUN", "SCHEDULE");
        String talks = text.line("Talks a bit");
        assertThat(talks).startsWith("talks ").contains("manual");
        assertThat(talks.indexOf("Talks a bit")).isEqualTo(header.indexOf("NAME"));
        assertThat(talks.indexOf("active")).isEqualTo(header.indexOf("STATUS"));
        String daily = text.line("daily ");
        assertThat(daily.indexOf("0 6 * * *")).isEqualTo(header.indexOf("SCHEDULE"));
        assertThat(daily.substring(header.indexOf("NEXT RUN"))).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} .*");

        JsonNode pipelines = json(local("list", "--json"));
        assertThat(pipelines)
                .extracting(pipeline -> pipeline.get("id").asText())
                .contains("talks", "breaks", "waits", "daily");
        JsonNode dailyJson = pipelines.findParents("id").stream()
                .filter(pipeline -> pipeline.get("id").asText().equals("daily"))
                .findFirst()
                .orElseThrow();
        // in the pipeline's zone, named
        assertThat(daily)
                .contains(OffsetDateTime.parse(dailyJson.get("next_run").asText())
                                .atZoneSameInstant(ZoneId.of("UTC"))
                                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                        + " UTC");
    }

    @Test
    void showsAPipelinesTasksAndLatestRuns() throws Exception {
        String runId = startedRun("talks");
        agent.awaitEnd(runId);

        Result text = local("status", "talks");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.line("pipeline")).matches("pipeline\\s+talks \\(Talks a bit\\)");
        assertThat(text.line("schedule")).matches("schedule\\s+manual");
        assertThat(text.line("labels")).matches("labels\\s+demo");
        assertThat(text.line("after ")).matches("after\\s+shell\\s+run\\s+say");
        assertThat(text.out()).contains("latest runs (");
        assertThat(text.line(runId)).contains("talks", "success", "api");

        JsonNode detail = json(local("status", "talks", "--json"));
        assertThat(detail.get("id").asText()).isEqualTo("talks");
        assertThat(detail.get("status").asText()).isEqualTo("active");
        assertThat(detail.get("tasks"))
                .extracting(task -> task.get("id").asText())
                .containsExactly("say", "after");
    }

    @Test
    void triggerWithWaitExitsZeroWhenTheRunSucceeds() {
        Result result = local("trigger", "talks", "--wait");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.lines().get(0)).matches("started run run_\\S+ of talks; waiting for it to end");
        assertThat(result.lines().get(1)).matches("run run_\\S+ of talks: success after \\d+\\.\\d s");
    }

    @Test
    void triggerWithWaitExitsOneAndShowsTheErrorWhenTheRunFails() throws IOException {
        Result result = local("trigger", "breaks", "--wait");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .containsPattern("run run_\\S+ of breaks: failed after")
                .contains("task fail: failed: ShellCommandFailedException: exited with code 1 and printed nothing "
                        + "on stderr\ncommand: false");

        Result asJson = local("trigger", "breaks", "--wait", "--json");
        assertThat(asJson.exitCode()).isEqualTo(1);
        JsonNode run = json.readTree(asJson.out());
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("tasks")
                        .get(0)
                        .get("attempts")
                        .get(0)
                        .get("error_type")
                        .asText())
                .endsWith("ShellCommandFailedException");
    }

    @Test
    void triggerPassesParametersAsJsonValuesOrText() throws Exception {
        Result started = local(
                "trigger",
                "talks",
                "--param",
                "target=elsewhere",
                "--param",
                "times=3",
                "--param",
                "dry=true",
                "--param",
                "day=2024-03-15",
                "--param",
                "ids=[1, 2]",
                "--param",
                "code=007");

        assertThat(started.exitCode()).as(started.err()).isZero();
        String runId = started.out().replaceAll("(?s)started run (\\S+) of talks;.*", "$1");
        assertThat(started.out()).contains("orchestrator logs " + runId + " --follow");
        JsonNode params = runDetail(runId).get("params");
        assertThat(params.get("target").asText()).isEqualTo("elsewhere");
        assertThat(params.get("times").isInt()).isTrue();
        assertThat(params.get("times").asInt()).isEqualTo(3);
        assertThat(params.get("dry").isBoolean()).isTrue();
        assertThat(params.get("day").asText()).isEqualTo("2024-03-15");
        assertThat(params.get("ids")).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(params.get("code").asText()).isEqualTo("007");
    }

    @Test
    void listsRunsFilteredAndPagedWithLocalTimes() throws Exception {
        String failed = startedRun("breaks");
        agent.awaitEnd(failed);
        agent.awaitEnd(startedRun("talks"));

        Result text = local("runs", "--pipeline", "breaks", "--status", "failed");

        assertThat(text.exitCode()).as(text.err()).isZero();
        String header = text.lines().get(0);
        assertThat(header).startsWith("RUN").contains("PIPELINE", "STATUS", "TRIGGER", "STARTED", "DURATION");
        List<String> rows = text.lines().subList(1, text.lines().size() - 1);
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row).contains(" breaks ", " failed "));
        JsonNode runs = json(local("runs", "--pipeline", "breaks", "--status", "failed", "--json"));
        assertThat(runs.get("items")).allSatisfy(run -> {
            assertThat(run.get("pipeline_id").asText()).isEqualTo("breaks");
            assertThat(run.get("status").asText()).isEqualTo("failed");
        });
        JsonNode failedRun = runs.get("items").findParents("run_id").stream()
                .filter(run -> run.get("run_id").asText().equals(failed))
                .findFirst()
                .orElseThrow();
        String row = text.line(failed);
        // the logical time of a manual run may be the same second: read from the STARTED column
        assertThat(row.substring(header.indexOf("STARTED")))
                .startsWith(localTime(failedRun.get("started_at").asText()));
        long total = runs.get("total").asLong();
        assertThat(text.lines().get(text.lines().size() - 1))
                .isEqualTo("page 1 of 1 (" + total + (total == 1 ? " run)" : " runs)"));

        Result firstPage = local("runs", "--size", "1");
        assertThat(firstPage.lines()).hasSize(3);
        assertThat(firstPage.lines().get(2)).matches("page 1 of \\d+ \\(\\d+ runs\\); --page 2 for more");
        JsonNode secondPage = json(local("runs", "--size", "1", "--page", "2", "--json"));
        assertThat(secondPage.get("page").asInt()).isEqualTo(2);
        assertThat(secondPage.get("items")).hasSize(1);
    }

    @Test
    void refusesBadFiltersAsUsageErrorsBeforeAskingTheAgent() {
        Result badState = local("runs", "--status", "exploded");
        assertThat(badState.exitCode()).isEqualTo(2);
        assertThat(badState.err()).contains("'exploded' is not a run state; use one of queued, running, success");

        assertThat(local("runs", "--from", "yesterday").exitCode()).isEqualTo(2);
        assertThat(local("runs", "--size", "0").exitCode()).isEqualTo(2);
        assertThat(local("backfill", "daily", "--from", "2024-01-01").exitCode())
                .isEqualTo(2);
        assertThat(local("status", "..").exitCode()).isEqualTo(2);
    }

    @Test
    void printsARunsLogLinesInOrderAsTextAndJson() throws Exception {
        String runId = startedRun("talks");
        agent.awaitEnd(runId);

        Result text = local("logs", runId);

        assertThat(text.exitCode()).as(text.err()).isZero();
        // the task's own lines, each attempt's start and end around them
        assertThat(text.lines()).hasSize(7);
        assertThat(text.lines().get(0))
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} "
                        + ZoneId.systemDefault().getId() + "  INFO   say: attempt 1 started");
        assertThat(text.lines().get(1))
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} "
                        + ZoneId.systemDefault().getId() + "  \\w+ +say: stderr: one");
        assertThat(text.lines().get(2)).endsWith("say: stderr: two");
        assertThat(text.lines().get(3)).endsWith("say: attempt 1 succeeded");
        assertThat(text.lines().get(4)).endsWith("after: attempt 1 started");
        assertThat(text.lines().get(5)).endsWith("after: stdout: ok");
        assertThat(text.lines().get(6)).endsWith("after: attempt 1 succeeded");
        assertThat(local("logs", runId, "--task", "after").lines())
                .hasSize(3)
                .element(1)
                .asString()
                .endsWith("after: stdout: ok");

        JsonNode lines = json(local("logs", runId, "--json"));
        assertThat(lines)
                .extracting(line -> line.get("message").asText())
                .containsExactly("stderr: one", "stderr: two", "stdout: ok");
        assertThat(lines.get(0).get("task").asText()).isEqualTo("say");
        assertThat(text.lines().get(1))
                .startsWith(localTime(lines.get(0).get("time").asText()));
    }

    @Test
    void followsTheLogOfARunningRunUntilItEnds() throws Exception {
        Path gate = directory.resolve("follow-gate");
        String runId = startedRun("waits", "--param", "gate=" + gate);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> following = background.submit(
                    () -> CliRun.commandLine(out, err).execute("logs", runId, "--follow", "--home", home.toString()));

            await("the first line", () -> out.toString().contains("hold: stderr: waiting"));
            assertThat(following.isDone())
                    .as("still following while the run goes on")
                    .isFalse();
            assertThat(out.toString()).doesNotContain("released");

            Files.createFile(gate);
            assertThat(following.get(10, TimeUnit.SECONDS)).as(err.toString()).isZero();
        } finally {
            background.shutdownNow();
        }
        assertThat(out.toString()
                        .lines()
                        .filter(line -> !line.contains(": attempt "))
                        .toList())
                .hasSize(2)
                .last()
                .asString()
                .endsWith("hold: stderr: released");
        assertThat(out.toString()).contains("hold: attempt 1 started", "hold: attempt 1 succeeded");
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);

        Result asJsonLines = local("logs", runId, "--follow", "--json");
        assertThat(asJsonLines.lines()).hasSize(2);
        assertThat(json.readTree(asJsonLines.lines().get(1)).get("message").asText())
                .isEqualTo("stderr: released");
    }

    @Test
    void cancelsARunningRunAndReportsTheAgentsRefusalOfAnEndedOne() throws Exception {
        String runId = startedRun("waits", "--param", "gate=" + directory.resolve("never-opened"));
        await("the run to start", () -> local("logs", runId).out().contains("waiting"));

        Result cancelled = local("cancel", runId);

        assertThat(cancelled.exitCode()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).startsWith("cancelling run " + runId);
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.CANCELLED);
        Result again = local("cancel", runId);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("run " + runId + " already ended as cancelled");
        assertThat(again.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void retriesAFailedRunAsANewRun() throws Exception {
        String failed = startedRun("breaks");
        agent.awaitEnd(failed);

        Result retried = local("retry", failed);

        assertThat(retried.exitCode()).as(retried.err()).isZero();
        String retry = retried.out().replaceAll("(?s)retrying run \\S+ as run (\\S+);.*", "$1");
        assertThat(retry).startsWith("run_").isNotEqualTo(failed);
        JsonNode run = runDetail(retry);
        assertThat(run.get("trigger").asText()).isEqualTo("retry");
        assertThat(run.get("parent_run_id").asText()).isEqualTo(failed);

        JsonNode asJson = json(local("retry", failed, "--json"));
        assertThat(asJson.get("run_id").asText()).startsWith("run_").isNotEqualTo(retry);
        agent.awaitEnd(asJson.get("run_id").asText());
    }

    @Test
    void backfillsOneRunPerScheduledDay() throws Exception {
        Result text = local("backfill", "daily", "--from", "2024-01-01", "--to", "2024-01-03");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.lines().get(0)).isEqualTo("backfill of daily from 2024-01-01 to 2024-01-03: 3 runs");
        // each run id with its logical time
        List<String> runIds = text.lines().subList(1, 4).stream()
                .map(line -> line.strip().split(" ")[0])
                .toList();
        List<String> logicalTimes = new ArrayList<>();
        for (String runId : runIds) {
            JsonNode run = runDetail(runId);
            assertThat(run.get("trigger").asText()).isEqualTo("backfill");
            logicalTimes.add(run.get("logical_time").asText());
        }
        assertThat(logicalTimes)
                .containsExactlyInAnyOrder("2024-01-01T06:00:00Z", "2024-01-02T06:00:00Z", "2024-01-03T06:00:00Z");

        JsonNode asJson = json(local("backfill", "daily", "--from", "2024-02-01", "--to", "2024-02-01", "--json"));
        assertThat(asJson.get("run_ids")).hasSize(1);
        agent.awaitEnd(asJson.get("run_ids").get(0).asText());

        Result backwards = local("backfill", "daily", "--from", "2024-01-03", "--to", "2024-01-01");
        assertThat(backwards.exitCode()).isEqualTo(1);
        assertThat(backwards.err()).contains("'to' comes before 'from'");
    }

    @Test
    void exportsEveryMatchingRunToACsvFileReplacingItWhole() throws Exception {
        String failed = startedRun("breaks");
        agent.awaitEnd(failed);
        long total = json(local("runs", "--pipeline", "breaks", "--json"))
                .get("total")
                .asLong();
        Path file = Files.writeString(directory.resolve("runs.csv"), "an older export");

        Result result = local("export", "--pipeline", "breaks", "--out", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo("wrote " + total + (total == 1 ? " run" : " runs") + " to " + file);
        List<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(file.toFile())
                .readAll();
        assertThat(rows)
                .hasSize((int) total)
                .allSatisfy(row -> assertThat(row.get("pipeline_id")).isEqualTo("breaks"));
        assertThat(rows).extracting(row -> row.get("run_id")).contains(failed);
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left.map(Path::toString)).noneMatch(name -> name.endsWith(".part"));
        }

        Result none = local("export", "--status", "crashed", "--out", file.toString());
        assertThat(none.out().strip()).isEqualTo("wrote 0 runs to " + file);

        Result nowhere = local(
                "export",
                "--out",
                directory.resolve("missing").resolve("runs.csv").toString());
        assertThat(nowhere.exitCode()).isEqualTo(2);
        assertThat(nowhere.err()).contains("does not exist");
    }

    @Test
    void pauseShowsInListAndResumeUndoesIt() throws IOException {
        Result paused = local("pause", "daily");

        assertThat(paused.exitCode()).as(paused.err()).isZero();
        assertThat(paused.out()).startsWith("paused daily: no scheduled runs until `orchestrator resume daily`");
        Result list = local("list");
        assertThat(list.line("daily ").substring(list.lines().get(0).indexOf("STATUS")))
                .startsWith("paused");
        assertThat(json(local("status", "daily", "--json")).get("status").asText())
                .isEqualTo("paused");

        JsonNode resumed = json(local("resume", "daily", "--json"));
        assertThat(resumed.get("pipeline_id").asText()).isEqualTo("daily");
        assertThat(resumed.get("status").asText()).isEqualTo("resumed");
        assertThat(local("list").line("daily ")).contains(" active ");
        assertThat(json(local("pause", "daily", "--json")).get("status").asText())
                .isEqualTo("paused");
        assertThat(local("resume", "daily").out()).isEqualTo("resumed daily: active" + System.lineSeparator());
    }

    @Test
    void reportsWhatTheAgentRefusedWithItsMessageAndExitCodeOne() {
        Result unknown = local("status", "nope");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("no runnable pipeline 'nope'");
        assertThat(local("trigger", "nope").err()).contains("no runnable pipeline 'nope'");
        assertThat(local("logs", "run_nope").err()).contains("no run 'run_nope'");
    }

    @Test
    void reachesAnAgentGivenByAddressAndToken() throws IOException {
        Path elsewhere = directory.resolve("not-a-home");

        JsonNode pipelines =
                json(run("list", "--agent", url + "/", "--token", token, "--home", elsewhere.toString(), "--json"));

        assertThat(pipelines)
                .extracting(pipeline -> pipeline.get("id").asText())
                .contains("talks");
        assertThat(elsewhere).as("the remote commands create nothing in a home").doesNotExist();
    }

    @Test
    void exitsFourWhenTheTokenIsRefusedOrMissing() {
        Result wrong = local("list", "--token", "not-the-token");

        assertThat(wrong.exitCode()).isEqualTo(4);
        assertThat(wrong.err()).contains("refused the token", "`orchestrator token` prints the local agent's token");
        assertThat(wrong.out()).isEmpty();

        Result missing = run(
                "list",
                "--agent",
                url,
                "--home",
                directory.resolve("no-token-here").toString());
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).contains("wants a token and none was found", "--token");
    }

    @Test
    void exitsThreeAndSaysHowToStartAnAgentWhenNoneAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path stale = Files.createDirectories(directory.resolve("stale-home"));
        Files.writeString(
                stale.resolve("agent.json"),
                "{\"url\": \"http://127.0.0.1:" + closedPort
                        + "\", \"pid\": 1, \"started_at\": \"2024-01-01T00:00:00Z\"}");
        Files.writeString(stale.resolve("token"), token);

        Result refused = run("runs", "--home", stale.toString());

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err())
                .contains(
                        "no agent answers at http://127.0.0.1:" + closedPort,
                        stale.resolve("agent.json").toString(),
                        "orchestrator run --config pipelines",
                        "--agent URL");
        assertThat(refused.err()).doesNotContain("\tat ");

        Path empty = directory.resolve("empty-home");
        Result absent = run("list", "--home", empty.toString());
        assertThat(absent.exitCode()).isEqualTo(3);
        assertThat(absent.err())
                .contains(
                        "no agent is running with the agent home " + empty,
                        "orchestrator run --config pipelines",
                        "--agent URL");
        assertThat(empty).doesNotExist();
    }

    @Test
    void everyRemoteCommandExplainsItselfAndItsConnection() {
        for (String command : List.of(
                "list",
                "status",
                "trigger",
                "pause",
                "resume",
                "runs",
                "logs",
                "cancel",
                "retry",
                "backfill",
                "export")) {
            Result help = run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("--agent=URL", "--token=TOKEN", "--home=DIR", "Exit code:");
            if (!command.equals("export")) {
                assertThat(help.out()).as(command).contains("--json");
            }
        }
    }
}
