package dev.orchestrator.agent.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.testsupport.MovableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's deadlines on a whole agent whose clock the test moves, alerting a local webhook receiver: a run still
 * running at its finish deadline alerts once and says "finished late" once; a finish_by in the hour the clocks skip
 * is checked at the end of the gap, once; a deadline that passed while the agent was down is raised once after the
 * restart, and not again after the next. The schedules name years to come (2099, 2027), so Quartz, which fires by
 * the system's clock, never starts a run of its own during the test.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DeadlinesTest {

    private static final Duration CEILING = Duration.ofMinutes(2);

    @TempDir
    Path directory;

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private MockWebServer webhook;
    private RunningAgentAccess agent;

    @BeforeEach
    void startReceiver() throws IOException {
        webhook = new MockWebServer();
        webhook.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    received.add(json.readTree(
                            request.getBody() == null ? "{}" : request.getBody().utf8()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new MockResponse.Builder().code(200).build();
            }
        });
        webhook.start(0);
    }

    @AfterEach
    void stop() throws IOException {
        if (agent != null) {
            agent.close();
        }
        webhook.close();
    }

    private String pipeline(String id, String schedule, String deadline, String command) {
        return """
                  - id: %s
                    name: %s report
                    schedule: %s
                    deadline: %s
                    notify:
                      channels:
                        - { name: webhook, config: { url: "%s" } }
                    tasks:
                      - id: build
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "%s"] }
                        timeout_seconds: 600
                """.formatted(id, id, schedule, deadline, webhook.url("/alerts"), command);
    }

    private List<JsonNode> alerts(String event, String pipelineId) {
        return received.stream()
                .filter(alert -> alert.path("event").asText().equals(event)
                        && alert.path("pipeline_id").asText().equals(pipelineId))
                .toList();
    }

    private void awaitAlerts(String event, String pipelineId, int count) {
        Awaitility.await(count + " " + event + " alerts of " + pipelineId)
                .atMost(CEILING)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> alerts(event, pipelineId).size() >= count);
    }

    @Test
    void aRunStillRunningAtItsFinishDeadlineAlertsOnceThenSaysFinishedLateOnce() throws Exception {
        Instant fire = Instant.parse("2099-01-01T06:00:00Z");
        MovableClock clock = new MovableClock(fire.minus(Duration.ofMinutes(10)));
        Path release = directory.resolve("release");
        agent = new RunningAgentAccess(directory, clock);
        agent.write(
                "nightly.yaml",
                "pipelines:\n"
                        + pipeline(
                                "nightly",
                                "{ type: cron, cron_expr: \"0 0 6 * * ? 2099\", timezone: UTC, misfire: skip }",
                                "{ finish_within_seconds: 1800 }",
                                "while [ ! -f '" + release + "' ]; do sleep 0.05; done"));
        agent.start();

        // the fire's run, started as the scheduler starts it, runs on past its deadline
        clock.set(fire);
        Pipeline nightly = agent.agent().pipelines().find("nightly").orElseThrow();
        String runId = agent.agent()
                .executor()
                .start(
                        nightly,
                        new RunRequest(
                                TriggerKind.SCHEDULE,
                                Optional.of(fire.atZone(ZoneOffset.UTC)),
                                Map.of(),
                                0,
                                Optional.empty()),
                        agent.agent().pipelines().secrets());
        Awaitility.await("the run to start")
                .atMost(CEILING)
                .until(() -> agent.agent()
                                .runStore()
                                .findRun(runId)
                                .orElseThrow()
                                .run()
                                .status()
                        == RunState.RUNNING);
        clock.set(fire.plus(Duration.ofMinutes(30)).plusSeconds(1));

        awaitAlerts("deadline_missed", "nightly", 1);
        JsonNode missed = alerts("deadline_missed", "nightly").get(0);
        assertThat(missed.path("run_id").asText()).isEqualTo(runId);
        assertThat(missed.path("status").asText()).isEqualTo("running");
        assertThat(missed.path("scheduled_for").asText()).isEqualTo("2099-01-01T06:00Z");
        assertThat(missed.path("deadline").asText()).isEqualTo("finish_within_seconds 1800");
        assertThat(missed.path("due_at").asText()).isEqualTo("2099-01-01T06:30Z");
        assertThat(missed.path("text").asText())
                .contains("nightly report (nightly) missed its deadline")
                .contains("running since 2099-01-01 06:00");

        clock.set(fire.plus(Duration.ofMinutes(34)));
        Files.createFile(release);
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);

        awaitAlerts("deadline_finished_late", "nightly", 1);
        JsonNode late = alerts("deadline_finished_late", "nightly").get(0);
        assertThat(late.path("late_by_minutes").asLong()).isEqualTo(4);
        assertThat(late.path("text").asText()).contains("finished late (by 4 min)");
        // later checks find the miss recorded: nothing more may arrive
        clock.set(fire.plus(Duration.ofHours(2)));
        Thread.sleep(2_500);
        assertThat(received).hasSize(2);
        CliRun.Result listed = CliRun.runWithHome(directory.resolve("home"), "deadlines");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.line("nightly"))
                .contains("finish_within_seconds 1800")
                .contains("finished 4 min late");
    }

    @Test
    void aFinishByInTheHourTheClocksSkipIsCheckedAtTheEndOfTheGapOnce() throws Exception {
        // 2027-03-28 in Berlin: 02:00 CET is followed by 03:00 CEST; 01:00 CET is 00:00 UTC
        String fires = "{ type: cron, cron_expr: \"0 0 1 28 3 ? 2027\", timezone: Europe/Berlin, misfire: skip }";
        MovableClock clock = new MovableClock(Instant.parse("2027-03-27T23:30:00Z"));
        agent = new RunningAgentAccess(directory, clock);
        agent.write(
                "berlin.yaml",
                "pipelines:\n"
                        + pipeline("in_gap", fires, "{ finish_by: \"02:30\" }", "true")
                        // witnesses that the checks ran: due just before the gap, and half an hour after it
                        + pipeline("before_gap", fires, "{ finish_by: \"01:59:59\" }", "true")
                        + pipeline("after_gap", fires, "{ finish_by: \"03:30\" }", "true"));
        agent.start();

        clock.set(Instant.parse("2027-03-28T00:59:59Z")); // 01:59:59 CET
        awaitAlerts("deadline_missed", "before_gap", 1);
        assertThat(alerts("deadline_missed", "in_gap"))
                .as("before the gap ends")
                .isEmpty();

        clock.set(Instant.parse("2027-03-28T01:00:00Z")); // 03:00 CEST
        awaitAlerts("deadline_missed", "in_gap", 1);
        JsonNode inGap = alerts("deadline_missed", "in_gap").get(0);
        assertThat(inGap.path("due_at").asText()).isEqualTo("2027-03-28T03:00+02:00");
        assertThat(inGap.path("scheduled_for").asText()).isEqualTo("2027-03-28T01:00+01:00");
        assertThat(inGap.path("deadline").asText()).isEqualTo("finish_by \"02:30\"");
        assertThat(inGap.path("run_id").isNull()).isTrue();
        assertThat(inGap.path("text").asText()).contains("no run was created");

        clock.set(Instant.parse("2027-03-28T01:30:00Z")); // 03:30 CEST
        awaitAlerts("deadline_missed", "after_gap", 1);
        Thread.sleep(500); // alerts go out on two threads: one sent in the same check may trail
        assertThat(alerts("deadline_missed", "in_gap")).hasSize(1);
        JsonNode listed = get("/api/v1/deadlines?pipeline=in_gap&from=2027-03-28&to=2027-03-29");
        assertThat(listed.path("total").asLong()).isEqualTo(1);
        assertThat(listed.path("items").get(0).path("due_at").asText()).isEqualTo("2027-03-28T03:00+02:00");
        assertThat(listed.path("items").get(0).path("raised_at").asText()).isEqualTo("2027-03-28T03:00+02:00");
    }

    @Test
    void aDeadlineThatPassedWhileTheAgentWasDownIsRaisedOnceAfterTheRestart() throws Exception {
        // fires at 06:00 and 06:30; each must finish within 10 minutes
        String fires = "{ type: cron, cron_expr: \"0 0,30 6 1 1 ? 2099\", timezone: UTC, misfire: skip }";
        MovableClock clock = new MovableClock(Instant.parse("2099-01-01T05:50:00Z"));
        agent = new RunningAgentAccess(directory, clock);
        agent.write("down.yaml", "pipelines:\n" + pipeline("down", fires, "{ finish_within_seconds: 600 }", "true"));
        agent.start();
        agent.stop();

        clock.set(Instant.parse("2099-01-01T06:20:00Z")); // the 06:00 fire's deadline passed at 06:10
        agent.start();
        awaitAlerts("deadline_missed", "down", 1);
        agent.stop();

        clock.set(Instant.parse("2099-01-01T06:50:00Z")); // the 06:30 fire's passed at 06:40
        agent.start();
        awaitAlerts("deadline_missed", "down", 2);
        Thread.sleep(500); // alerts go out on two threads: one sent in the same check may trail
        List<String> scheduled = new ArrayList<>();
        alerts("deadline_missed", "down")
                .forEach(alert -> scheduled.add(alert.path("scheduled_for").asText()));
        assertThat(scheduled).containsExactlyInAnyOrder("2099-01-01T06:00Z", "2099-01-01T06:30Z");
        assertThat(get("/api/v1/deadlines?pipeline=down").path("total").asLong())
                .isEqualTo(2);
    }

    private JsonNode get(String path) throws IOException {
        String token =
                Files.readString(directory.resolve("home").resolve("token")).strip();
        OkHttpClient http = new OkHttpClient();
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + agent.agent().port() + path)
                .header("Authorization", "Bearer " + token)
                .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).as("GET %s", path).isEqualTo(200);
            return json.readTree(response.body().string());
        }
    }
}
