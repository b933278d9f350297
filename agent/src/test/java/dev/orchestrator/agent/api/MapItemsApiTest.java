package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A for_each task's counts in run detail, and its items paged and filtered by state, over real HTTP. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class MapItemsApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: mapped
                tasks:
                  - id: each
                    for_each: { items: [0, 1, 2, 3, 4, 5, 6] }
                    max_parallel: 2
                    retry: { times: 0 }
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "test $(($1 % 3)) -ne 0 || { echo bad $1 >&2; exit 4; }; echo $1", sh, "{{ item }}"] }
                  - { id: wrap_up, depends_on: [each], connector: shell, action: run, action_kwargs: { command: "true" } }
            """);

    @Test
    void thePipelinesDetailSaysWhichTasksAreMaps() throws Exception {
        JsonNode tasks = agent.get("/pipeline/mapped").json(agent.json).get("tasks");
        assertThat(tasks.get(0).get("map").asBoolean()).isTrue();
        assertThat(tasks.get(1).get("map").isBoolean()).isTrue();
        assertThat(tasks.get(1).get("map").asBoolean()).isFalse();
    }

    @Test
    void runDetailHasTheMapsCountsAndTheItemsPageByState() throws Exception {
        String runId = agent.runToEnd("mapped");

        JsonNode run = agent.get("/api/v1/runs/" + runId).json(agent.json);
        JsonNode items = run.get("tasks").get(0).get("items");
        assertThat(items.get("done").asInt()).isEqualTo(4);
        assertThat(items.get("failed").asInt()).isEqualTo(3);
        assertThat(items.get("running").asInt()).isZero();
        assertThat(items.get("waiting").asInt()).isZero();
        assertThat(items.get("total").asInt()).isEqualTo(7);

        JsonNode failed = agent.get("/api/v1/runs/" + runId + "/tasks/each/items?state=failed&size=2")
                .json(agent.json);
        assertThat(failed.get("total").asLong()).isEqualTo(3);
        assertThat(failed.get("items")).hasSize(2);
        assertThat(failed.get("items").get(0).get("index").asInt()).isZero();
        assertThat(failed.get("items").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("items").get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("items").get(0).get("error").asText()).contains("bad 0");
        assertThat(failed.get("items").get(0).get("duration_ms").isNumber()).isTrue();
        JsonNode second = agent.get("/api/v1/runs/" + runId + "/tasks/each/items?state=failed&size=2&page=2")
                .json(agent.json);
        assertThat(second.get("items").get(0).get("index").asInt()).isEqualTo(6);
        JsonNode all = agent.get("/api/v1/runs/" + runId + "/tasks/each/items").json(agent.json);
        assertThat(all.get("total").asLong()).isEqualTo(7);
        assertThat(agent.get("/api/v1/runs/" + runId + "/tasks/each/items?state=sleepy")
                        .status())
                .isEqualTo(400);
        assertThat(agent.get("/api/v1/runs/" + runId + "/tasks/nope/items").status())
                .isEqualTo(404);
    }
}
