package dev.orchestrator.agent.process;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.testsupport.IntegrationTest;
import dev.orchestrator.testsupport.SleepMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code for_each} map whose agent process is killed with SIGKILL halfway (issue 19): the next agent on that home
 * takes the run over instead of marking it crashed; the items that succeeded keep their outputs and are not run
 * again, the items that were running crashed with the process (as a running task does: their outcome is unknown,
 * so they are not run again by themselves), the items not started run under {@code max_parallel}, and the map then
 * fails naming the crashed items. A retry from failure runs only those and ends the map with every output in item
 * order.
 */
@IntegrationTest
@EnabledOnOs({OS.LINUX, OS.MAC})
class MapKillRecoveryTest {

    private static final String SLEEP_MARKER = SleepMarker.seconds(47);

    @TempDir
    Path directory;

    private final List<AgentProcess> agents = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        agents.forEach(AgentProcess::close);
        // a killed agent cannot stop the commands of its items: do it here
        ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(SLEEP_MARKER))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aKilledAgentsMapGoesOnAtTheNextStartKeepingItsSucceededItemsAndCrashingThoseThatRan() throws Exception {
        Path ran = Files.createDirectory(directory.resolve("ran"));
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: killed_map
                    tasks:
                      - id: each
                        for_each: { items: [0, 1, 2, 3, 4, 5] }
                        max_parallel: 2
                        retry: { times: 0 }
                        connector: shell
                        action: run
                        action_kwargs:
                          command: sh
                          args:
                            - "-c"
                            - |
                              echo ran >> RAN/$1
                              if [ "$1" = 2 ] || [ "$1" = 3 ]; then [ -e RAN/open ] || sleep MARKER; fi
                              echo $(($1 * 10))
                            - sh
                            - "{{ item }}"
                """.replace("RAN", ran.toString())
                .replace("MARKER", SLEEP_MARKER));
        AgentProcess first = start(config);
        String runId = first.post("/trigger/killed_map", "{}").get("run_id").asText();
        Await.until("items 0 and 1 to succeed and items 2 and 3 to run", Await.STEP, () -> {
            JsonNode counts = task(first.get("/api/v1/runs/" + runId), "each").get("items");
            return counts != null
                    && !counts.isNull()
                    && counts.get("done").asInt() == 2
                    && counts.get("running").asInt() == 2;
        });
        // the items' rows reach H2's file within its 100 ms write delay
        Thread.sleep(300);
        first.kill();

        AgentProcess second = start(config);

        assertThat(second.awaitEnd(runId, Await.STEP)).isEqualTo("failed");
        JsonNode items =
                second.get("/api/v1/runs/" + runId + "/tasks/each/items").get("items");
        assertThat(items).hasSize(6);
        assertThat(statuses(items)).containsExactly("success", "success", "crashed", "crashed", "success", "success");
        assertThat(attempts(items)).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(items.get(2).get("error").asText()).contains("the agent stopped while this item was running");
        JsonNode each = task(second.get("/api/v1/runs/" + runId), "each");
        assertThat(each.get("status").asText()).isEqualTo("failed");
        assertThat(each.get("attempts")).hasSize(1);
        assertThat(each.get("attempts").get(0).get("error_message").asText())
                .contains("2 of 6 items")
                .contains("item 2: the agent stopped while this item was running");
        for (int i = 0; i < 6; i++) {
            assertThat(Files.readAllLines(ran.resolve(Integer.toString(i))))
                    .as("runs of item " + i + ": none ran twice")
                    .hasSize(1);
        }

        Files.createFile(ran.resolve("open"));
        String retry = second.post("/api/v1/runs/" + runId + "/retry", "{}")
                .get("run_id")
                .asText();

        assertThat(second.awaitEnd(retry, Await.STEP)).isEqualTo("success");
        JsonNode retried =
                second.get("/api/v1/runs/" + retry + "/tasks/each/items").get("items");
        assertThat(statuses(retried)).containsOnly("success");
        List<Integer> rerun = new ArrayList<>();
        retried.forEach(item -> {
            if (!item.get("reused").asBoolean()) {
                rerun.add(item.get("index").asInt());
            }
        });
        assertThat(rerun).as("only the crashed items ran again").containsExactly(2, 3);
        assertThat(task(second.get("/api/v1/runs/" + retry), "each")
                        .get("output")
                        .asText())
                .isEqualTo("[\"0\",\"10\",\"20\",\"30\",\"40\",\"50\"]");
    }

    private AgentProcess start(Path config) throws IOException, InterruptedException {
        AgentProcess agent =
                AgentProcess.start(config, directory.resolve("home"), directory.resolve("agent-output.txt"));
        agents.add(agent);
        return agent;
    }

    private static List<String> statuses(JsonNode items) {
        List<String> statuses = new ArrayList<>();
        items.forEach(item -> statuses.add(item.get("status").asText()));
        return statuses;
    }

    private static List<Integer> attempts(JsonNode items) {
        List<Integer> attempts = new ArrayList<>();
        items.forEach(item -> attempts.add(item.get("attempts").asInt()));
        return attempts;
    }
}
