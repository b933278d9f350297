package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 22's run grid over real HTTP: runs as columns newest first, tasks as rows paged, maps counted. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class GridApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: nightly
                params: { code: 0 }
                tasks:
                  - { id: extract, connector: shell, action: run, action_kwargs: { command: "true" } }
                  - id: load
                    depends_on: [extract]
                    retry: { times: 1, delay_seconds: 0.05 }
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "echo starting load >&2; echo 'disk full on /data' >&2; exit {{ params.code }}"] }
                  - id: each
                    depends_on: [extract]
                    for_each: { items: [1, 2, 3] }
                    retry: { times: 0 }
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "test $1 -ne 2 || exit 3", sh, "{{ item }}"] }
                  - { id: report, depends_on: [load], connector: shell, action: run, action_kwargs: { command: "true" } }
              - id: idle
                tasks:
                  - { id: only, connector: shell, action: run, action_kwargs: { command: "true" } }
            """);

    @Test
    void answersTheLastRunsAsColumnsAndTheTasksAsRowsWithEachCell() throws Exception {
        List<String> runs = new ArrayList<>();
        runs.add(agent.runToEnd("nightly"));
        runs.add(run("nightly", "{\"params\": {\"code\": 5}}"));
        runs.add(agent.runToEnd("nightly"));

        JsonNode grid = agent.get("/api/v1/pipelines/nightly/grid?runs=25").json(agent.json);

        assertThat(grid.get("pipeline_id").asText()).isEqualTo("nightly");
        assertThat(grid.get("total_tasks").asInt()).isEqualTo(4);
        List<String> columns = new ArrayList<>();
        grid.get("runs").forEach(run -> columns.add(run.get("run_id").asText()));
        assertThat(columns).containsExactly(runs.get(2), runs.get(1), runs.get(0));
        JsonNode failedRun = grid.get("runs").get(1);
        assertThat(failedRun.get("status").asText()).isEqualTo("failed");
        assertThat(failedRun.get("agent_id").asText()).isNotBlank();
        assertThat(failedRun.get("logical_time").asText()).isNotBlank();

        List<String> rows = new ArrayList<>();
        grid.get("tasks").forEach(row -> rows.add(row.get("task_id").asText()));
        assertThat(rows).containsExactly("extract", "load", "each", "report");

        JsonNode load = grid.get("tasks").get(1);
        assertThat(load.get("map").asBoolean()).isFalse();
        assertThat(load.get("cells")).hasSize(3);
        JsonNode loadFailed = load.get("cells").get(1);
        assertThat(loadFailed.get("state").asText()).isEqualTo("failed");
        assertThat(loadFailed.get("attempts").asInt()).isEqualTo(2);
        // the shell connector's message starts with the last stderr line; a cell has the first line only
        assertThat(loadFailed.get("error").asText())
                .contains("disk full on /data")
                .doesNotContain("\n");
        assertThat(loadFailed.get("duration_ms").isNumber()).isTrue();
        JsonNode loadOk = load.get("cells").get(0);
        assertThat(loadOk.get("state").asText()).isEqualTo("success");
        assertThat(loadOk.get("attempts").asInt()).isEqualTo(1);
        assertThat(loadOk.has("error")).isFalse();

        JsonNode each = grid.get("tasks").get(2);
        assertThat(each.get("map").asBoolean()).isTrue();
        JsonNode items = each.get("cells").get(0).get("items");
        assertThat(items.get("done").asInt()).isEqualTo(2);
        assertThat(items.get("failed").asInt()).isEqualTo(1);
        assertThat(items.get("total").asInt()).isEqualTo(3);

        // the failed run never ran 'report': its cell is a task that did not run, not a success
        JsonNode report = grid.get("tasks").get(3).get("cells").get(1);
        assertThat(report.get("state").asText()).isNotEqualTo("success");
    }

    @Test
    void pagesTheRowsAndLimitsTheColumns() throws Exception {
        String first = agent.runToEnd("nightly");
        String second = agent.runToEnd("nightly");

        JsonNode page = agent.get("/api/v1/pipelines/nightly/grid?runs=1&task_offset=1&task_limit=2")
                .json(agent.json);

        assertThat(page.get("runs")).hasSize(1);
        assertThat(page.get("runs").get(0).get("run_id").asText())
                .isEqualTo(second)
                .isNotEqualTo(first);
        assertThat(page.get("total_tasks").asInt()).isEqualTo(4);
        assertThat(page.get("task_offset").asInt()).isEqualTo(1);
        assertThat(page.get("tasks")).hasSize(2);
        assertThat(page.get("tasks").get(0).get("task_id").asText()).isEqualTo("load");
        assertThat(page.get("tasks").get(1).get("task_id").asText()).isEqualTo("each");
        assertThat(page.get("tasks").get(0).get("cells")).hasSize(1);
        JsonNode beyond =
                agent.get("/api/v1/pipelines/nightly/grid?task_offset=10").json(agent.json);
        assertThat(beyond.get("tasks")).isEmpty();
        assertThat(beyond.get("runs")).hasSize(2);
    }

    @Test
    void aPipelineWithoutRunsHasItsTasksAndNoColumnsAndAnUnknownOneIsNotFound() {
        JsonNode idle = agent.get("/api/v1/pipelines/idle/grid").json(agent.json);
        assertThat(idle.get("runs")).isEmpty();
        assertThat(idle.get("tasks").get(0).get("task_id").asText()).isEqualTo("only");
        assertThat(idle.get("tasks").get(0).get("cells")).isEmpty();

        assertThat(agent.get("/api/v1/pipelines/nope/grid").status()).isEqualTo(404);
        LiveAgent.Answer tooMany = agent.get("/api/v1/pipelines/idle/grid?runs=201");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("'runs' must be between 1 and 200");
    }

    private String run(String pipelineId, String body) throws InterruptedException {
        LiveAgent.Answer answer = agent.post("/trigger/" + pipelineId, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String runId = answer.json(agent.json).get("run_id").asText();
        agent.awaitEnd(runId);
        return runId;
    }
}
