package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The endpoints that keep the original tool's paths and response shapes (SPEC 7), over real HTTP: its
 * scripts and dashboards must keep working unchanged.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SeedEndpointsTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: nightly
                name: Nightly load
                labels: [sales]
                schedule: { type: cron, cron_expr: "0 6 * * *", timezone: Asia/Shanghai }
                params: { region: north }
                tasks:
                  - { id: echo, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo {{ params.region }} >&2"] } }
              - id: every_minute
                schedule: { type: interval, interval_seconds: 60 }
                tasks:
                  - { id: t, connector: shell, action: run, action_kwargs: { command: "true" } }
            """);

    @Test
    void healthAnswersWithoutAToken() throws Exception {
        LiveAgent.Answer answer = agent.send(
                new okhttp3.Request.Builder().url(agent.url("/health")).build());

        assertThat(answer.status()).isEqualTo(200);
        JsonNode health = answer.json(agent.json);
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("version").asText()).isEqualTo("test");
        assertThat(health.get("uptime_seconds").asLong()).isNotNegative();
    }

    @Test
    void pipelinesListsIdNameScheduleNextRunAndStatus() {
        JsonNode pipelines = agent.get("/pipelines").json(agent.json);

        assertThat(pipelines.isArray()).isTrue();
        assertThat(pipelines)
                .extracting(pipeline -> pipeline.get("id").asText())
                .containsExactly("nightly", "every_minute");
        JsonNode nightly = pipelines.get(0);
        assertThat(nightly.fieldNames()).toIterable().contains("id", "name", "schedule", "next_run", "status");
        assertThat(nightly.get("name").asText()).isEqualTo("Nightly load");
        assertThat(nightly.get("schedule").asText()).contains("0 6 * * *").contains("Asia/Shanghai");
        assertThat(nightly.get("status").asText()).isEqualTo("active");
        OffsetDateTime next = OffsetDateTime.parse(nightly.get("next_run").asText());
        assertThat(next.getOffset().getTotalSeconds()).isEqualTo(8 * 3600); // in the pipeline's zone
        assertThat(next.getHour()).isEqualTo(6);
    }

    @Test
    void pipelineDetailDescribesItsTasks() {
        JsonNode detail = agent.get("/pipeline/nightly").json(agent.json);

        assertThat(detail.get("id").asText()).isEqualTo("nightly");
        assertThat(detail.get("params").get("region").asText()).isEqualTo("north");
        assertThat(detail.get("tasks")).singleElement().satisfies(task -> {
            assertThat(task.get("id").asText()).isEqualTo("echo");
            assertThat(task.get("connector").asText()).isEqualTo("shell");
            assertThat(task.get("action").asText()).isEqualTo("run");
        });
        LiveAgent.Answer missing = agent.get("/pipeline/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json(agent.json).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void upcomingListsFiresOfTheNextHours() {
        JsonNode upcoming = agent.get("/upcoming?hours=2").json(agent.json);

        // an interval of 60 s fires about 120 times in two hours; the daily cron at most once
        List<String> ids = new java.util.ArrayList<>();
        upcoming.forEach(fire -> ids.add(fire.get("pipeline_id").asText()));
        assertThat(ids.stream().filter("every_minute"::equals).count()).isBetween(119L, 121L);
        upcoming.forEach(fire -> OffsetDateTime.parse(fire.get("fire_time").asText()));
        assertThat(agent.get("/upcoming?hours=abc").status()).isEqualTo(400);
    }

    @Test
    void triggerStartsARunWithParamsUnderEitherName() throws Exception {
        for (String body :
                List.of("{\"params\": {\"region\": \"east\"}}", "{\"runtime_kwargs\": {\"region\": \"east\"}}")) {
            LiveAgent.Answer answer = agent.post("/trigger/nightly", body);

            assertThat(answer.status()).isEqualTo(200);
            JsonNode started = answer.json(agent.json);
            assertThat(started.fieldNames()).toIterable().containsExactly("run_id");
            String runId = started.get("run_id").asText();
            agent.awaitEnd(runId);
            JsonNode run = agent.get("/api/v1/runs/" + runId).json(agent.json);
            assertThat(run.get("params").get("region").asText()).isEqualTo("east");
            assertThat(run.get("trigger").asText()).isEqualTo("api");
            assertThat(run.get("status").asText()).isEqualTo("success");
        }
        assertThat(agent.post("/trigger/nope", "{}").status()).isEqualTo(404);
    }

    @Test
    void liveOutputShowsARunsStatusAndLogLinesUntilItFinishes() throws Exception {
        String runId = agent.post("/trigger/nightly", "{\"params\": {\"region\": \"south\"}}")
                .json(agent.json)
                .get("run_id")
                .asText();

        // the original tool's clients poll this until the run is finished: it is their only way to see the end
        JsonNode live = await("the run to finish")
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> {
                            LiveAgent.Answer answer = agent.get("/live-output/" + runId);
                            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                            return answer.json(agent.json);
                        },
                        node -> node.get("finished").asBoolean());

        assertThat(live.get("finished").asBoolean()).as(String.valueOf(live)).isTrue();
        assertThat(live.get("run_id").asText()).isEqualTo(runId);
        assertThat(live.get("pipeline_id").asText()).isEqualTo("nightly");
        assertThat(live.get("status").asText()).isEqualTo("success");
        OffsetDateTime.parse(live.get("finished_at").asText());
        assertThat(live.get("logs")).anySatisfy(line -> {
            assertThat(line.get("task").asText()).isEqualTo("echo");
            assertThat(line.get("message").asText()).contains("south");
        });
        assertThat(live.get("last_log_id").asLong())
                .isEqualTo(live.get("logs")
                        .get(live.get("logs").size() - 1)
                        .get("id")
                        .asLong());
        assertThat(live.get("more").asBoolean()).isFalse();
        JsonNode after = agent.get("/live-output/" + runId + "?after="
                        + live.get("last_log_id").asLong())
                .json(agent.json);
        assertThat(after.get("logs")).isEmpty();
        assertThat(after.get("last_log_id").asLong())
                .isEqualTo(live.get("last_log_id").asLong());

        LiveAgent.Answer missing = agent.get("/live-output/run_nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json(agent.json).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void pauseAndResumeChangeThePipelinesStatus() {
        LiveAgent.Answer paused = agent.post("/pause/nightly", "");

        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json(agent.json).get("status").asText()).isEqualTo("paused");
        assertThat(agent.get("/pipelines").json(agent.json).get(0).get("status").asText())
                .isEqualTo("paused");

        // the original tool answers a resume with "resumed"; its clients compare the word
        LiveAgent.Answer resumed = agent.post("/resume/nightly", "");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json(agent.json).get("status").asText()).isEqualTo("resumed");
        assertThat(resumed.json(agent.json).get("pipeline_id").asText()).isEqualTo("nightly");
        assertThat(agent.get("/pipelines").json(agent.json).get(0).get("status").asText())
                .isEqualTo("active");
    }
}
