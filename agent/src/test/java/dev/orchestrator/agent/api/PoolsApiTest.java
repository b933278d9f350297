package dev.orchestrator.agent.api;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.model.RunState;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 21's shared pools over real HTTP: {@code GET /api/v1/pools} lists a pool's size, the slots taken and by
 * whom, and the tasks waiting; the waiting task's run detail says which pool it waits for and who holds its slots;
 * {@code orchestrator pools} prints the same; the slots come back when the holder's run is cancelled.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class PoolsApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pools: { warehouse: 1, sftp: 2 }
            pipelines:
              - id: long_load
                pool: warehouse
                tasks:
                  - { id: load_orders, connector: shell, action: run, action_kwargs: { command: "sleep 120" }, timeout_seconds: 300 }
              - id: report
                tasks:
                  - { id: query, connector: shell, action: run, action_kwargs: { command: "echo done" }, pool: warehouse }
            """);

    private String trigger(String pipelineId) {
        return agent.post("/trigger/" + pipelineId, "{}")
                .json(agent.json)
                .get("run_id")
                .asText();
    }

    private JsonNode pool(String name) {
        for (JsonNode pool : agent.get("/api/v1/pools").json(agent.json)) {
            if (pool.path("name").asText().equals(name)) {
                return pool;
            }
        }
        throw new AssertionError(
                "no pool " + name + " in " + agent.get("/api/v1/pools").body());
    }

    @Test
    void thePoolsListShowsWhoHoldsTheSlotsAndWhoWaitsAndTheWaitingTaskSaysWhy() throws Exception {
        String holder = trigger("long_load");
        Awaitility.await("the long load to hold the slot")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> pool("warehouse").path("taken").asInt() == 1);
        String waiter = trigger("report");
        Awaitility.await("the report to wait for the slot")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> pool("warehouse").path("waiting").size() == 1);

        JsonNode warehouse = pool("warehouse");
        assertThat(warehouse.path("size").asInt()).isEqualTo(1);
        JsonNode holding = warehouse.path("holders").get(0);
        assertThat(holding.path("run_id").asText()).isEqualTo(holder);
        assertThat(holding.path("task_id").asText()).isEqualTo("load_orders");
        assertThat(holding.path("agent_id").asText()).isNotBlank();
        assertThat(holding.path("slots").asInt()).isEqualTo(1);
        assertThat(holding.path("since").asText()).isNotBlank();
        JsonNode waiting = warehouse.path("waiting").get(0);
        assertThat(waiting.path("run_id").asText()).isEqualTo(waiter);
        assertThat(waiting.path("task_id").asText()).isEqualTo("query");
        assertThat(pool("sftp").path("taken").asInt()).isZero();
        assertThat(pool("sftp").path("size").asInt()).isEqualTo(2);
        // the pool's queue and the task's state are two commits: the queue entry comes first, the state a moment
        // after (seen on a loaded machine), so the run detail is awaited, not read once
        Awaitility.await("the waiting task to be shown queued")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> task(agent.get("/api/v1/runs/" + waiter).json(agent.json), "query")
                        .path("status")
                        .asText()
                        .equals("queued"));
        JsonNode query = task(agent.get("/api/v1/runs/" + waiter).json(agent.json), "query");
        assertThat(query.path("status").asText()).isEqualTo("queued");
        assertThat(query.path("reason").asText())
                .isEqualTo("waiting for pool warehouse: 1 of 1 slots taken by " + holder + " / load_orders");

        CliRun.Result listed = CliRun.runWithHome(agent.home(), "pools");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.line("holds")).contains("warehouse").contains(holder).contains("load_orders");
        assertThat(listed.line("waits")).contains("warehouse").contains(waiter).contains("query");

        assertThat(agent.post("/api/v1/runs/" + holder + "/cancel", "{}").status())
                .isEqualTo(200);
        assertThat(agent.awaitEnd(holder)).isEqualTo(RunState.CANCELLED);
        assertThat(agent.awaitEnd(waiter)).isEqualTo(RunState.SUCCESS);
        assertThat(pool("warehouse").path("taken").asInt()).isZero();
        assertThat(pool("warehouse").path("waiting")).isEmpty();
    }
}
