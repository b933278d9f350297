package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.MapItem;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code for_each} map across a clean stop of its engine (issue 19): the map starts no item once the stop begins,
 * the items still running when the grace is over are stopped and wait for the next start, the run is left as stored,
 * and the next engine on the database goes on with the map: items that succeeded are not run again, the others run
 * under {@code max_parallel}, and the map ends with its outputs in item order. A real engine on an H2 file, real
 * shell commands.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class MapResumeTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture().onFile();

    private final ObjectMapper json = JsonMapper.create();

    /** Items 0 and 1 end at once; the others wait for the file {@code open} (they run until it exists). */
    private static final String PIPELINE = """
            pipelines:
              - id: resumed_map
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
                          echo ran >> ran/$1
                          if [ "$1" -ge 2 ]; then while [ ! -e open ]; do sleep 0.05; done; fi
                          echo $(($1 * 10))
                        - sh
                        - "{{ item }}"
                  - id: after
                    depends_on: [each]
                    pass_output_from: each
                    connector: shell
                    action: run
                    action_kwargs: { command: cat }
            """;

    @Test
    void aMapStoppedWithTheAgentAfterItsGraceGoesOnAtTheNextStartWithoutRerunningItsSucceededItems() throws Exception {
        Files.createDirectories(engine.directory.resolve("ran"));
        Pipeline pipeline = engine.pipeline(PIPELINE);
        String runId = engine.start(pipeline);
        await("items 0 and 1 to succeed and items 2 and 3 to run")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> counts(runId).equals(new MapCounts(2, 0, 2, 2)));

        engine.stopEngine(Duration.ofMillis(500)); // items 2 and 3 still run when the grace is over

        RunDetail left = engine.store.findRun(runId).orElseThrow();
        assertThat(left.run().status()).as("left to the next start").isEqualTo(RunState.RUNNING);
        assertThat(left.task("each").orElseThrow().status()).isEqualTo(TaskState.RUNNING);
        List<MapItem> stopped = items(runId);
        assertThat(stopped)
                .extracting(MapItem::state)
                .containsExactly(
                        TaskState.SUCCESS,
                        TaskState.SUCCESS,
                        TaskState.RETRYING,
                        TaskState.RETRYING,
                        TaskState.PENDING,
                        TaskState.PENDING);
        assertThat(stopped.get(2).error())
                .hasValueSatisfying(error -> assertThat(error).contains("the agent was stopped"));
        Files.createFile(engine.directory.resolve("open"));

        assertThat(engine.startAgain()).containsExactly(runId);

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        List<MapItem> ended = items(runId);
        assertThat(ended).extracting(MapItem::state).containsOnly(TaskState.SUCCESS);
        assertThat(ended)
                .as("attempts per item: 0 and 1 not run again, 2 and 3 run again after their stopped attempt")
                .extracting(MapItem::attempts)
                .containsExactly(1, 1, 2, 2, 1, 1);
        for (int i = 0; i < 6; i++) {
            assertThat(Files.readAllLines(engine.directory.resolve("ran").resolve(Integer.toString(i))))
                    .as("runs of item " + i)
                    .hasSize(i == 2 || i == 3 ? 2 : 1);
        }
        assertThat(ForEachTest.maxOverlap(ended.stream()
                        .filter(item -> item.index() >= 2) // those that ran after the restart
                        .map(item -> new long[] {
                            nanos(item.startedAt().orElseThrow()),
                            nanos(item.finishedAt().orElseThrow())
                        })
                        .toList()))
                .as("items running at once after the restart, from their recorded times")
                .isBetween(1, 2);
        assertThat(listOutput(runId, "each")).containsExactly("0", "10", "20", "30", "40", "50");
        assertThat(listOutput(runId, "after")).containsExactly("0", "10", "20", "30", "40", "50");
        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        assertThat(detail.task("each").orElseThrow().attemptCount())
                .as("the map's one attempt, across both engines")
                .isEqualTo(1);
    }

    private MapCounts counts(String runId) {
        return engine.store.mapItems().counts(runId).getOrDefault("each", new MapCounts(0, 0, 0, 0));
    }

    private List<MapItem> items(String runId) {
        return engine.store
                .mapItems()
                .items(runId, "each", Optional.empty(), 0, 100)
                .items();
    }

    private List<Object> listOutput(String runId, String taskId) throws Exception {
        return json.readValue(
                engine.store.findOutput(runId, taskId).orElseThrow().json().orElseThrow(),
                new TypeReference<List<Object>>() {});
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
