package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19 over real HTTP: run detail shows a task's {@code cached} and {@code rollback} and a run_if's skip reason;
 * {@code DELETE /api/v1/cache} forgets entries.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DynamicTasksApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: cached
                tasks:
                  - id: listing
                    connector: shell
                    action: run
                    action_kwargs: { command: "echo [1, 2]" }
                    cache: { key: "{{ yesterday }}" }
                  - id: gated
                    depends_on: [listing]
                    run_if: "{{ outputs.listing | length > 5 }}"
                    connector: shell
                    action: run
                    action_kwargs: { command: "echo never" }
              - id: compensated
                tasks:
                  - id: breaks
                    connector: shell
                    action: run
                    action_kwargs: { command: "false" }
                    retry: { times: 0 }
                    rollback: { action: run, action_kwargs: { command: "echo undone {{ run_id }}" } }
            """);

    private JsonNode task(String runId, String taskId) {
        for (JsonNode task : agent.get("/api/v1/runs/" + runId).json(agent.json).path("tasks")) {
            if (task.path("task_id").asText().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("no task " + taskId + " in run " + runId);
    }

    @Test
    void runDetailShowsCachedSkippedAndRollbackAndTheCacheCanBeCleared() throws InterruptedException {
        String first = agent.runToEnd("cached");
        String second = agent.runToEnd("cached");

        assertThat(task(first, "listing").path("cached").asBoolean()).isFalse();
        assertThat(task(second, "listing").path("cached").asBoolean()).isTrue();
        assertThat(task(second, "gated").path("status").asText()).isEqualTo("skipped");
        assertThat(task(second, "gated").path("reason").asText())
                .isEqualTo("run_if was false: {{ outputs.listing | length > 5 }}");

        LiveAgent.Answer refused =
                agent.send(agent.request("/api/v1/cache?task=listing").delete().build());
        assertThat(refused.status()).isEqualTo(400);
        LiveAgent.Answer cleared = agent.send(
                agent.request("/api/v1/cache?pipeline=cached").delete().build());
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json(agent.json).path("cleared").asInt()).isEqualTo(1);
        String third = agent.runToEnd("cached");
        assertThat(task(third, "listing").path("cached").asBoolean()).isFalse();

        String failed = agent.runToEnd("compensated");
        JsonNode breaks = task(failed, "breaks");
        assertThat(breaks.path("status").asText()).isEqualTo("failed");
        assertThat(breaks.path("rollback").asText()).isEqualTo("ok");
        assertThat(agent.get("/api/v1/runs/" + failed)
                        .json(agent.json)
                        .path("status")
                        .asText())
                .isEqualTo("failed");
    }
}
