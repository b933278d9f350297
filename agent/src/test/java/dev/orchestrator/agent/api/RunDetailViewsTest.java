package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run of 1,000 tasks read three ways: whole (the default, unchanged), as a summary without tasks for clients
 * that poll, and with its tasks paged.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RunDetailViewsTest {

    private static final int TASKS = 1000;

    @RegisterExtension
    final LiveAgent agent = new LiveAgent(wide());

    /** 1,000 independent tasks, every hundredth failing. */
    private static String wide() {
        StringBuilder yaml = new StringBuilder("""
                pipelines:
                  - id: wide
                    stop_on_failure: false
                    tasks:
                """);
        for (int i = 0; i < TASKS; i++) {
            yaml.append(String.format(
                    "      - { id: t%04d, connector: shell, action: run, retry: { times: 0 }, "
                            + "action_kwargs: { command: \"%s\" } }%n",
                    i, i % 100 == 0 ? "false" : "true"));
        }
        return yaml.toString();
    }

    @Test
    void theSummaryOfAThousandTaskRunIsSmallAndCountsTheTasksByState() throws Exception {
        String runId =
                agent.post("/trigger/wide", "{}").json(agent.json).get("run_id").asText();
        assertThat(agent.agent().executor().await(runId, Duration.ofMinutes(5))).isPresent();

        LiveAgent.Answer whole = agent.get("/api/v1/runs/" + runId);
        LiveAgent.Answer summary = agent.get("/api/v1/runs/" + runId + "?view=summary");

        assertThat(summary.status()).isEqualTo(200);
        String start = summary.body().substring(0, Math.min(300, summary.body().length()));
        assertThat(summary.body().getBytes(StandardCharsets.UTF_8).length)
                .as(start)
                .isLessThan(1500);
        JsonNode run = summary.json(agent.json);
        assertThat(run.get("run_id").asText()).isEqualTo(runId);
        assertThat(run.get("pipeline_id").asText()).isEqualTo("wide");
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.has("tasks")).isFalse();
        assertThat(run.get("tasks_total").asInt()).isEqualTo(TASKS);
        assertThat(run.get("task_counts").get("success").asInt()).isEqualTo(990);
        assertThat(run.get("task_counts").get("failed").asInt()).isEqualTo(10);
        assertThat(run.get("task_counts").get("pending").asInt()).isZero();
        OffsetDateTime started = OffsetDateTime.parse(run.get("started_at").asText());
        assertThat(OffsetDateTime.parse(run.get("finished_at").asText())).isAfterOrEqualTo(started);

        // the default answer is what it always was: every task, no summary fields
        assertThat(whole.body().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(100_000);
        JsonNode detail = whole.json(agent.json);
        assertThat(detail.get("tasks")).hasSize(TASKS);
        assertThat(detail.has("task_counts")).isFalse();
        assertThat(detail.has("tasks_total")).isFalse();
        assertThat(detail.get("status").asText()).isEqualTo(run.get("status").asText());
        assertThat(detail.get("finished_at").asText())
                .isEqualTo(run.get("finished_at").asText());
    }

    @Test
    void theTasksOfARunArePaged() throws Exception {
        String runId =
                agent.post("/trigger/wide", "{}").json(agent.json).get("run_id").asText();
        assertThat(agent.agent().executor().await(runId, Duration.ofMinutes(5))).isPresent();

        JsonNode page = agent.get("/api/v1/runs/" + runId + "?tasks_limit=50&tasks_offset=100")
                .json(agent.json);

        assertThat(page.get("tasks")).hasSize(50);
        assertThat(page.get("tasks").get(0).get("task_id").asText()).isEqualTo("t0100");
        assertThat(page.get("tasks").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(page.get("tasks").get(49).get("task_id").asText()).isEqualTo("t0149");
        assertThat(page.get("tasks_total").asInt()).isEqualTo(TASKS);
        assertThat(page.get("tasks_offset").asInt()).isEqualTo(100);
        assertThat(page.get("tasks_limit").asInt()).isEqualTo(50);
        assertThat(page.get("status").asText()).isEqualTo("failed");
        JsonNode last = agent.get("/api/v1/runs/" + runId + "?tasks_limit=500&tasks_offset=990")
                .json(agent.json);
        assertThat(last.get("tasks"))
                .extracting(task -> task.get("task_id").asText())
                .hasSize(10)
                .startsWith("t0990")
                .endsWith("t0999");
        assertThat(agent.get("/api/v1/runs/" + runId + "?tasks_offset=5000")
                        .json(agent.json)
                        .get("tasks"))
                .isEmpty();

        for (String query :
                new String[] {"view=everything", "tasks_limit=0", "tasks_limit=501", "tasks_offset=-1", "tasks_limit=x"
                }) {
            LiveAgent.Answer refused = agent.get("/api/v1/runs/" + runId + "?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.json(agent.json).get("error").asText()).isEqualTo("bad_request");
        }
    }
}
