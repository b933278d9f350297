package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.MapItem;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code for_each} task that calls a pipeline (issue 19): each item is a child run of its own (trigger
 * {@code pipeline}, its params rendered with {@code item} and {@code item_index}, the parent run and the item
 * recorded on both sides), at most {@code max_parallel} children at once, the map's output the list of the
 * children's outputs in item order; a failed child fails its item, a retry from failure calls only for the failed
 * items and reuses the children that succeeded, and cancelling the parent cancels the running children. Items
 * waiting for their children run no code: a stopping engine leaves them, and the next one waits again.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class MapCallTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture().onFile();

    private final ObjectMapper json = JsonMapper.create();

    /** {@code fan_out} calls {@code region_load} once per region; {@code child} is the child's tasks. */
    private Pipeline fanOut(String child) {
        return engine.pipeline("""
                pipelines:
                  - id: fan_out
                    tasks:
                      - id: regions
                        for_each: { items: [eu, us, apac, latam] }
                        max_parallel: 2
                        pipeline: region_load
                        params: { region: "{{ item }}", position: "{{ item_index }}" }
                        retry: { times: 0 }
                      - id: gather
                        depends_on: [regions]
                        pass_output_from: regions
                        connector: test
                        action: identity
                  - id: region_load
                    schedule: { max_instances: 8 } # more than max_parallel: the map's cap is the one seen
                    params: { region: "", position: "" }
                    tasks:
                %s
                """.formatted(child));
    }

    private static final String LOAD = """
                  - id: load
                    connector: shell
                    action: run
                    action_kwargs:
                      command: sh
                      args: ["-c", "[ \\"$1\\" != us ] || [ -e allow-us ] || exit 3; sleep 1; echo \\"$1 at $2\\"", sh, "{{ params.region }}", "{{ params.position }}"]
                    retry: { times: 0 }
            """;

    @Test
    void eachItemIsAChildRunAtMostMaxParallelAtOnceAndTheMapOutputsTheirOutputsInItemOrder() throws Exception {
        Files.createFile(engine.directory.resolve("allow-us"));
        RunDetail parent = engine.run(fanOut(LOAD));

        assertThat(parent.run().status()).isEqualTo(RunState.SUCCESS);
        String parentId = parent.run().runId();
        List<Object> expected = List.of(
                Map.of("load", "eu at 0"),
                Map.of("load", "us at 1"),
                Map.of("load", "apac at 2"),
                Map.of("load", "latam at 3"));
        assertThat(listOutput(parentId, "regions")).isEqualTo(expected);
        assertThat(listOutput(parentId, "gather"))
                .as("downstream receives the list")
                .isEqualTo(expected);
        List<MapItem> items = items(parentId);
        assertThat(items).extracting(MapItem::state).containsOnly(TaskState.SUCCESS);
        for (MapItem item : items) {
            RunDetail child =
                    engine.store.findRun(item.childRunId().orElseThrow()).orElseThrow();
            assertThat(child.run().trigger()).isEqualTo(TriggerKind.PIPELINE);
            assertThat(child.run().pipelineId()).isEqualTo("region_load");
            assertThat(child.run().parentRunId()).contains(parentId);
            assertThat(child.calls().parentTaskId()).contains("regions[" + item.index() + "]");
            assertThat(String.valueOf(child.run().params().get("position"))).isEqualTo(Integer.toString(item.index()));
        }
        assertThat(childRuns()).hasSize(4);
        assertThat(ForEachTest.maxOverlap(childRuns().stream()
                        .map(run -> new long[] {
                            nanos(run.startedAt().orElseThrow()),
                            nanos(run.finishedAt().orElseThrow())
                        })
                        .toList()))
                .as("child runs going at once, from their recorded times")
                .isEqualTo(2);
    }

    @Test
    void aFailedChildFailsItsItemAndARetryFromFailureCallsOnlyForItReusingTheOtherChildren() throws Exception {
        Pipeline pipeline = fanOut(LOAD);
        RunDetail first = engine.run(pipeline);

        assertThat(first.run().status()).isEqualTo(RunState.FAILED);
        String firstId = first.run().runId();
        List<MapItem> failedRun = items(firstId);
        assertThat(failedRun)
                .extracting(MapItem::state)
                .containsExactly(TaskState.SUCCESS, TaskState.FAILED, TaskState.SUCCESS, TaskState.SUCCESS);
        String failedChild = failedRun.get(1).childRunId().orElseThrow();
        assertThat(failedRun.get(1).error())
                .hasValueSatisfying(error -> assertThat(error)
                        .contains("child run " + failedChild)
                        .contains("ended failed")
                        .contains("task 'load'"));
        assertThat(first.task("regions").orElseThrow().attempts().get(0).errorMessage())
                .hasValueSatisfying(
                        message -> assertThat(message).contains("1 of 4 items").contains("item 1"));
        Files.createFile(engine.directory.resolve("allow-us"));

        String second = engine.executor.controls().retry(firstId, pipeline, engine.secrets(), Optional.empty());

        assertThat(engine.await(second)).isEqualTo(RunState.SUCCESS);
        List<MapItem> retried = items(second);
        assertThat(retried.stream().filter(item -> !item.reused()).map(MapItem::index))
                .containsExactly(1);
        for (int i : List.of(0, 2, 3)) {
            assertThat(retried.get(i).childRunId())
                    .as("item " + i + " keeps the child that succeeded")
                    .isEqualTo(failedRun.get(i).childRunId());
        }
        assertThat(retried.get(1).childRunId()).isPresent().isNotEqualTo(Optional.of(failedChild));
        assertThat(childRuns()).as("one more child: the failed item's").hasSize(5);
        assertThat(listOutput(second, "regions")).hasSize(4).element(1).isEqualTo(Map.of("load", "us at 1"));
    }

    @Test
    void cancellingTheParentCancelsItsRunningChildrenAndStartsNoOther() throws Exception {
        Pipeline pipeline = fanOut(
                "      - { id: nap, connector: test, action: sleep, action_kwargs: { millis: 60000 }, timeout_seconds: 120 }");
        String parentId = engine.start(pipeline);
        await(
                "two children to run",
                () -> childRuns().stream()
                                .filter(run -> run.status() == RunState.RUNNING)
                                .count()
                        == 2);

        assertThat(engine.executor.cancel(parentId, "cancelled by a test")).isTrue();

        assertThat(engine.await(parentId)).isEqualTo(RunState.CANCELLED);
        await(
                "the children to end",
                () -> childRuns().stream().allMatch(run -> run.status().isTerminal()));
        assertThat(childRuns()).hasSize(2).extracting(RunRecord::status).containsOnly(RunState.CANCELLED);
        assertThat(engine.store.mapItems().counts(parentId)).containsEntry("regions", new MapCounts(0, 4, 0, 0));
    }

    @Test
    void itemsWaitingForChildRunsWaitAgainAfterTheEngineStopsAndStartsAgain() throws Exception {
        Pipeline pipeline = fanOut(
                "      - { id: ready, wait_for: { event: region_ready, key: \"{{ params.region }}\" }, timeout_seconds: 300 }");
        String parentId = engine.start(pipeline);
        await(
                "two children to wait for their events",
                () -> childRuns().stream()
                                .filter(run -> run.status() == RunState.RUNNING)
                                .count()
                        == 2);
        await(
                "their waits to be stored",
                () -> childRuns().stream()
                        .allMatch(run -> engine.store
                                .findRun(run.runId())
                                .flatMap(child -> child.task("ready"))
                                .map(ready -> ready.status() == TaskState.WAITING)
                                .orElse(false)));

        engine.stopEngine(Duration.ofMillis(500)); // nothing runs code: all is left to the next start
        assertThat(engine.store.findRun(parentId).orElseThrow().run().status()).isEqualTo(RunState.RUNNING);
        assertThat(childRuns()).hasSize(2).extracting(RunRecord::status).containsOnly(RunState.RUNNING);
        assertThat(engine.startAgain()).hasSize(3).contains(parentId);

        // an event no wait takes yet is kept for the child that waits for it later
        List.of("eu", "us", "apac", "latam").forEach(this::post);

        assertThat(engine.await(parentId)).isEqualTo(RunState.SUCCESS);
        assertThat(childRuns()).hasSize(4).extracting(RunRecord::status).containsOnly(RunState.SUCCESS);
        assertThat(listOutput(parentId, "regions")).hasSize(4).element(0).isEqualTo(Map.of("ready", Map.of()));
        assertThat(items(parentId)).extracting(MapItem::attempts).containsExactly(1, 1, 1, 1);
    }

    /** Posts the event the child for {@code region} waits for. */
    private void post(String region) {
        Instant now = Instant.now();
        var publication = engine.waits.publish("region_ready", region, "{}", now, now.plus(Duration.ofHours(1)));
        publication.deliveredTo().forEach(wait -> engine.executor.eventDelivered(wait.runId(), wait.taskId()));
    }

    private List<RunRecord> childRuns() {
        return engine.store.findRuns("region_load", 100);
    }

    private List<MapItem> items(String runId) {
        return engine.store
                .mapItems()
                .items(runId, "regions", Optional.empty(), 0, 100)
                .items();
    }

    private List<Object> listOutput(String runId, String taskId) throws Exception {
        return json.readValue(
                engine.store.findOutput(runId, taskId).orElseThrow().json().orElseThrow(),
                new TypeReference<List<Object>>() {});
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
