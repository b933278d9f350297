package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.MapItem;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code for_each} in the engine (issue 19): items from an upstream shell task, literal items, a template; per-item
 * retries under {@code max_parallel}; outputs in item order; empty and non-list sources; a retry from failure that
 * reruns only the failed items. A real engine on an H2 file, real shell commands.
 */
class ForEachTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture().onFile();

    private final ObjectMapper json = JsonMapper.create();

    private static final List<Integer> FLAKY = List.of(3, 17, 42, 99, 123, 150, 199);

    @Test
    void mapsTwoHundredItemsOfAShellListAtMostEightAtOnceRetryingSevenAndPassesTheOutputsInOrder() throws Exception {
        Files.createDirectories(engine.directory.resolve("markers"));
        Files.createDirectories(engine.directory.resolve("attempts"));
        String flaky = String.join(" ", FLAKY.stream().map(String::valueOf).toList());
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: map200
                    tasks:
                      - id: list
                        connector: shell
                        action: run
                        action_kwargs: { command: python3, args: ["-c", "import json; print(json.dumps(list(range(200))))"] }
                      - id: each
                        depends_on: [list]
                        for_each: { from: list }
                        max_parallel: 8
                        retry: { times: 1, delay_seconds: 0 }
                        connector: shell
                        action: run
                        action_kwargs:
                          command: sh
                          args:
                            - "-c"
                            - |
                              i=$1
                              echo "start $(date +%s%N)" >> attempts/$i
                              case " FLAKY " in *" $i "*)
                                if [ ! -e markers/$i ]; then touch markers/$i; echo "first attempt of $i fails" >&2; exit 1; fi;;
                              esac
                              sleep 0.05
                              echo "end $(date +%s%N)" >> attempts/$i
                              echo "{\\"index\\": $2, \\"value\\": $((i * 3))}"
                            - sh
                            - "{{ item }}"
                            - "{{ item_index }}"
                      - id: gather
                        depends_on: [each]
                        pass_output_from: each
                        connector: shell
                        action: run
                        action_kwargs: { command: cat }
                """.replace("FLAKY", flaky));

        RunDetail detail = engine.run(pipeline);

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        String runId = detail.run().runId();
        List<MapItem> items = engine.store
                .mapItems()
                .items(runId, "each", Optional.empty(), 0, 1_000)
                .items();
        assertThat(items).hasSize(200).allMatch(item -> item.state() == TaskState.SUCCESS);
        assertThat(items.stream().filter(item -> item.attempts() == 2).map(MapItem::index))
                .containsExactlyElementsOf(FLAKY);
        assertThat(items.stream().filter(item -> item.attempts() == 1)).hasSize(193);
        assertThat(maxOverlap(items.stream()
                        .map(item -> new long[] {
                            nanos(item.startedAt().orElseThrow()),
                            nanos(item.finishedAt().orElseThrow())
                        })
                        .toList()))
                .as("items running at once, from their recorded start and end times")
                .isBetween(2, 8);
        assertThat(maxOverlap(commandIntervals()))
                .as("commands running at once, from the times they wrote themselves")
                .isBetween(2, 8);
        Object gathered = json.readValue(
                engine.store.findOutput(runId, "gather").orElseThrow().json().orElseThrow(), Object.class);
        assertThat(gathered)
                .isEqualTo(IntStream.range(0, 200)
                        .mapToObj(i -> Map.of("index", i, "value", i * 3))
                        .toList());
        assertThat(engine.store.mapItems().counts(runId)).containsEntry("each", new MapCounts(200, 0, 0, 0));
        TaskRunRecord each = task(detail, "each");
        assertThat(each.status()).isEqualTo(TaskState.SUCCESS);
        assertThat(each.attemptCount()).isEqualTo(1);
    }

    @Test
    void anEmptyListSucceedsWithAnEmptyListAndDownstreamRuns() throws Exception {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: empty
                    tasks:
                      - id: list
                        connector: shell
                        action: run
                        action_kwargs: { command: echo, args: ["[]"] }
                      - id: each
                        depends_on: [list]
                        for_each: { from: list }
                        connector: shell
                        action: run
                        action_kwargs: { command: echo, args: ["{{ item }}"] }
                      - id: after
                        depends_on: [each]
                        pass_output_from: each
                        connector: shell
                        action: run
                        action_kwargs: { command: cat }
                """);

        RunDetail detail = engine.run(pipeline);

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(engine.store
                        .findOutput(detail.run().runId(), "each")
                        .orElseThrow()
                        .json())
                .contains("[]");
        assertThat(engine.store
                        .findOutput(detail.run().runId(), "after")
                        .orElseThrow()
                        .json())
                .contains("[]");
    }

    @Test
    void aFromOutputThatIsNotAListFailsTheTaskNamingTheTaskAndTheTypeItGot() throws Exception {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: not_a_list
                    tasks:
                      - id: list
                        connector: shell
                        action: run
                        action_kwargs: { command: echo, args: ['{"a": 1}'] }
                      - id: each
                        depends_on: [list]
                        for_each: { from: list }
                        connector: shell
                        action: run
                        action_kwargs: { command: echo, args: ["{{ item }}"] }
                """);

        RunDetail detail = engine.run(pipeline);

        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        TaskRunRecord each = task(detail, "each");
        assertThat(each.status()).isEqualTo(TaskState.FAILED);
        assertThat(each.attemptCount()).isEqualTo(1);
        assertThat(each.attempts().get(0).errorMessage().orElseThrow())
                .contains("task 'each'")
                .contains("the output of task 'list'")
                .contains("an object (map)")
                .contains("not a list");
    }

    @Test
    void literalItemsAndARenderedListGiveItemAndItemIndexToTheTemplates() throws Exception {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: literal
                    params: { regions: '["eu", "us", "apac"]' }
                    tasks:
                      - id: fixed
                        for_each: { items: [eu, 3, "{{ pipeline_id }}"] }
                        connector: shell
                        action: run
                        action_kwargs: { command: echo, args: ['"{{ item_index }}:{{ item }}"'] }
                      - id: rendered
                        for_each: { items: "{{ params.regions }}" }
                        max_parallel: 1
                        connector: shell
                        action: run
                        action_kwargs: { command: echo, args: ['"{{ item }}"'] }
                """);

        RunDetail detail = engine.run(pipeline);

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        String runId = detail.run().runId();
        assertThat(listOutput(runId, "fixed")).containsExactly("0:eu", "1:3", "2:literal");
        assertThat(listOutput(runId, "rendered")).containsExactly("eu", "us", "apac");
    }

    @Test
    void aRetryFromFailureRerunsOnlyTheFailedItemsAndReusesTheOthersOutputs() throws Exception {
        Files.createDirectories(engine.directory.resolve("ran"));
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: rerun
                    tasks:
                      - id: each
                        for_each: { items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }
                        max_parallel: 3
                        retry: { times: 0 }
                        connector: shell
                        action: run
                        action_kwargs:
                          command: sh
                          args:
                            - "-c"
                            - |
                              echo ran >> ran/$1
                              if [ "$1" = 2 ] || [ "$1" = 5 ]; then [ -e allow-$1 ] || exit 3; fi
                              echo $(($1 * 10))
                            - sh
                            - "{{ item }}"
                """);
        String first = engine.start(pipeline);
        assertThat(engine.await(first)).isEqualTo(RunState.FAILED);
        assertThat(task(engine.store.findRun(first).orElseThrow(), "each")
                        .attempts()
                        .get(0)
                        .errorMessage())
                .hasValueSatisfying(
                        message -> assertThat(message).contains("2 of 10 items").contains("item 2"));
        assertThat(engine.store.mapItems().counts(first)).containsEntry("each", new MapCounts(8, 2, 0, 0));
        Files.createFile(engine.directory.resolve("allow-2"));
        Files.createFile(engine.directory.resolve("allow-5"));

        String second = engine.executor.controls().retry(first, pipeline, engine.secrets(), Optional.empty());

        assertThat(engine.await(second)).isEqualTo(RunState.SUCCESS);
        assertThat(listOutput(second, "each"))
                .containsExactly("0", "10", "20", "30", "40", "50", "60", "70", "80", "90");
        List<MapItem> items = engine.store
                .mapItems()
                .items(second, "each", Optional.empty(), 0, 100)
                .items();
        assertThat(items.stream().filter(item -> !item.reused()).map(MapItem::index))
                .containsExactly(2, 5);
        for (int i = 0; i < 10; i++) {
            assertThat(Files.readAllLines(engine.directory.resolve("ran").resolve(Integer.toString(i))))
                    .as("runs of item " + i)
                    .hasSize(i == 2 || i == 5 ? 2 : 1);
        }
    }

    @Test
    void theItemsTablePagesAndFiltersByState() throws Exception {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: paged
                    tasks:
                      - id: each
                        for_each: { items: [0, 1, 2, 3, 4, 5, 6] }
                        retry: { times: 0 }
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "test $(($1 % 3)) -ne 0", sh, "{{ item }}"] }
                """);

        String runId = engine.run(pipeline).run().runId();

        var failed = engine.store.mapItems().items(runId, "each", Optional.of(TaskState.FAILED), 0, 2);
        assertThat(failed.total()).isEqualTo(3);
        assertThat(failed.items()).extracting(MapItem::index).containsExactly(0, 3);
        assertThat(failed.items().get(0).error()).isPresent();
        assertThat(engine.store
                        .mapItems()
                        .items(runId, "each", Optional.of(TaskState.FAILED), 1, 2)
                        .items())
                .extracting(MapItem::index)
                .containsExactly(6);
        assertThat(engine.store.mapItems().counts(runId)).containsEntry("each", new MapCounts(4, 3, 0, 0));
    }

    @Test
    void cancellingTheRunStopsTheRunningItemsAndEndsTheOthersWithoutRunning() throws Exception {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: slow
                    tasks:
                      - id: each
                        for_each: { items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }
                        max_parallel: 2
                        connector: shell
                        action: run
                        action_kwargs: { command: sleep, args: ["60"] }
                """);
        String runId = engine.start(pipeline);
        await().atMost(Duration.ofMinutes(2))
                .until(() -> engine.store
                                .mapItems()
                                .counts(runId)
                                .getOrDefault("each", new MapCounts(0, 0, 0, 0))
                                .running()
                        == 2);

        assertThat(engine.executor.cancel(runId, "cancelled by a test")).isTrue();

        assertThat(engine.await(runId)).isEqualTo(RunState.CANCELLED);
        assertThat(task(engine.store.findRun(runId).orElseThrow(), "each").status())
                .isEqualTo(TaskState.CANCELLED);
        assertThat(engine.store.mapItems().counts(runId)).containsEntry("each", new MapCounts(0, 10, 0, 0));
        assertThat(engine.store
                        .mapItems()
                        .items(runId, "each", Optional.of(TaskState.CANCELLED), 0, 100)
                        .total())
                .isEqualTo(10);
    }

    @Test
    void theReadmeExampleSumsTheSquaresOfAListAShellTaskPrinted() throws Exception {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: squares
                    tasks:
                      - id: list
                        connector: shell
                        action: run
                        action_kwargs: { command: python3, args: ["-c", "import json; print(json.dumps(list(range(20))))"] }
                      - id: square
                        depends_on: [list]
                        for_each: { from: list }
                        max_parallel: 4
                        retry: { times: 2, delay_seconds: 1 }
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "echo $(( $1 * $1 ))", sh, "{{ item }}"] }
                      - id: total
                        depends_on: [square]
                        pass_output_from: square
                        connector: shell
                        action: run
                        action_kwargs: { command: python3, args: ["-c", "import json, sys; print(sum(int(x) for x in json.load(sys.stdin)))"] }
                """);

        RunDetail detail = engine.run(pipeline);

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(engine.store
                        .findOutput(detail.run().runId(), "total")
                        .orElseThrow()
                        .json())
                .contains("\"2470\"");
    }

    private List<long[]> commandIntervals() throws Exception {
        List<long[]> intervals = new ArrayList<>();
        try (var files = Files.list(engine.directory.resolve("attempts"))) {
            for (Path file : files.toList()) {
                List<String> lines = Files.readAllLines(file);
                String start = null;
                for (String line : lines) {
                    if (line.startsWith("start ")) {
                        start = line.substring(6);
                    } else if (line.startsWith("end ") && start != null) {
                        intervals.add(new long[] {Long.parseLong(start), Long.parseLong(line.substring(4))});
                        start = null;
                    }
                }
            }
        }
        assertThat(intervals).hasSize(200);
        return intervals;
    }

    /** The most intervals open at one instant (an end at the instant another starts does not overlap it). */
    static int maxOverlap(List<long[]> intervals) {
        List<long[]> events = new ArrayList<>();
        for (long[] interval : intervals) {
            events.add(new long[] {interval[0], 1});
            events.add(new long[] {interval[1], -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int open = 0;
        int most = 0;
        for (long[] event : events) {
            open += (int) event[1];
            most = Math.max(most, open);
        }
        return most;
    }

    private List<Object> listOutput(String runId, String taskId) throws Exception {
        return json.readValue(
                engine.store.findOutput(runId, taskId).orElseThrow().json().orElseThrow(),
                new TypeReference<List<Object>>() {});
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static TaskRunRecord task(RunDetail detail, String taskId) {
        return detail.tasks().stream()
                .filter(task -> task.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }
}
