package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.api.MapItemDto;
import dev.orchestrator.desktop.graph.DagView;
import dev.orchestrator.desktop.graph.NodeProgress;
import dev.orchestrator.desktop.run.RunDetailView;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 19 in the console, against a real agent: a map of 2,000 items is one node of the run's graph whose counts
 * follow the run to 2,000 ended; selecting it shows its items a page of 100 at a time, filtered by state, read off the
 * FX thread.
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class MapItemsScreenTest {

    /** Items 7, 507, 1,007 and 1,507 fail, at once and for good. */
    static final String PIPELINES = """
            pipelines:
              - id: map2000
                max_concurrency: 16
                tasks:
                  - id: list
                    connector: shell
                    action: run
                    action_kwargs: { command: python3, args: ["-c", "import json; print(json.dumps(list(range(2000))))"] }
                  - id: each
                    depends_on: [list]
                    for_each: { from: list }
                    max_parallel: 16
                    retry: { times: 0 }
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "test $(($1 % 500)) -ne 7 || { echo \\"item $1 refused\\" >&2; exit 3; }", sh, "{{ item }}"] }
                  - { id: report, depends_on: [each], trigger_rule: all_done, connector: shell, action: run, action_kwargs: { command: "true" } }
            """;

    private static final List<Integer> FAILING = List.of(7, 507, 1007, 1507);

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(PIPELINES);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    @Test
    void aMapOf2000ItemsIsOneNodeWithLiveCountsAndItsItemsPageAndFilter(FxRobot robot) throws Exception {
        String runId = harness.client().trigger("map2000", Map.of());
        robot.interact(() -> harness.window.openRun(new RunRef("local", runId)));
        await("the run detail", () -> harness.window.runDetail() != null);
        RunDetailView detail = harness.window.runDetail();
        DagView graph = detail.graph();
        await(
                "the graph",
                () -> onFx(() ->
                        graph.getGraph() != null && graph.getGraph().nodes().size() == 3));

        Set<String> captions = ConcurrentHashMap.newKeySet();
        await("the map's counts to reach 2,000 ended", () -> {
            String caption = onFx(
                    () -> graph.getProgress("each").map(NodeProgress::caption).orElse(""));
            captions.add(caption);
            return caption.startsWith("2,000 / 2,000");
        });
        assertThat(onFx(() -> graph.getProgress("each").orElseThrow().caption()))
                .isEqualTo("2,000 / 2,000 · 4 failed");
        assertThat(captions)
                .as("counts seen while the map ran, not only at its end")
                .anyMatch(caption -> caption.matches("[1-9][0-9,]* / 2,000.*") && !caption.startsWith("2,000 /"));
        await(
                "the map's node to turn failed",
                () -> onFx(() -> graph.getState("each").filter("failed"::equals).isPresent()));
        assertThat(onFx(() -> graph.getGraph().nodes().stream()
                        .filter(node -> node.id().startsWith("each"))
                        .count()))
                .as("the map is one node, not one per item")
                .isEqualTo(1);

        robot.clickOn(GraphColours.centre(robot, graph, "each"));
        TableView<MapItemDto> table = robot.lookup("#map-items").queryTableView();
        await("the first page", () -> onFx(() -> indices(table).equals(range(0, 100))));
        assertThat(robot.lookup("#items-page").queryAs(Label.class).getText()).isEqualTo("page 1 of 20 · 2,000 items");

        FxRoundTrips roundTrips = FxRoundTrips.start();
        robot.clickOn("#items-next");
        await("page 2: items 101 to 200", () -> onFx(() -> indices(table).equals(range(100, 200))));
        assertThat(robot.lookup("#items-page").queryAs(Label.class).getText()).isEqualTo("page 2 of 20 · 2,000 items");

        ComboBox<String> state = robot.lookup("#items-state").queryComboBox();
        robot.interact(() -> state.setValue("failed")); // as choosing it in the list does
        await("only the failed items", () -> onFx(() -> indices(table).equals(FAILING)));
        long slowest = roundTrips.stop();
        assertThat(slowest)
                .as("the slowest FX round trip while the table loaded, ms")
                .isLessThan(500);
        assertThat(onFx(() -> table.getItems().stream()
                        .map(MapItemDto::status)
                        .distinct()
                        .toList()))
                .containsExactly("failed");
        assertThat(robot.lookup("#items-page").queryAs(Label.class).getText()).isEqualTo("page 1 of 1 · 4 items");

        robot.interact(() -> table.getSelectionModel().select(1));
        TextArea item = robot.lookup("#item-detail").queryAs(TextArea.class);
        await("item 507's log", () -> onFx(item::getText).contains("item 507 refused"));
        String shown = onFx(item::getText);
        assertThat(shown).startsWith("Item 507 · failed · 1 attempt");
    }

    private static List<Integer> indices(TableView<MapItemDto> table) {
        return table.getItems().stream().map(MapItemDto::index).toList();
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).boxed().toList();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }
}
