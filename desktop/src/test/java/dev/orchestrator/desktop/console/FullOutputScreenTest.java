package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.desktop.run.FullOutputView;
import dev.orchestrator.desktop.run.RunDetailView;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 22, outputs: a task's whole output, read from a real agent on demand (100,000 rows, spilled to a file there),
 * shown as a table of its rows and as a JSON tree without stalling the FX thread, and saved as CSV and JSON; a nested
 * object as a tree only.
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class FullOutputScreenTest {

    private static final String PIPELINES = """
            pipelines:
              - id: outputs
                tasks:
                  - id: rows
                    connector: shell
                    action: run
                    action_kwargs:
                      command: awk
                      args:
                        - >-
                          BEGIN { printf "["; for (i = 0; i < 100000; i++) { if (i > 0) printf ",";
                          printf "{\\"id\\": %d, \\"name\\": \\"row %d\\", \\"ok\\": %s}", i, i,
                          (i % 2 == 0 ? "true" : "false") } print "]" }
                  - id: nested
                    connector: shell
                    action: run
                    action_kwargs:
                      command: sh
                      args:
                        - -c
                        - |
                          printf '{"name": "nested", "tags": ["a", "b"], "inner": {"n": 1}}'
              - id: a_pipeline_whose_id_is_long_enough_to_crowd_the_header_of_its_runs
                tasks:
                  - { id: only, connector: shell, action: run, action_kwargs: { command: "true" } }
            """;

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(PIPELINES);

    @TempDir
    Path saves;

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    @Test
    void aListOf100000RowsIsATableAndATreeAndSavesAsCsvAndJson(FxRobot robot) throws Exception {
        RunDetailView detail = openEndedRun(robot);
        String runId = detail.model().runId();

        FxRoundTrips roundTrips = FxRoundTrips.start();
        FullOutputView output = openFullOutput(robot, detail, "rows");
        // the table's tab is added once the output is read and found to be rows: read in the background
        await("the rows' table", () -> robot.lookup("#output-table").tryQuery().isPresent());
        TableView<JsonNode> table = robot.lookup("#output-table").queryTableView();
        await("the 100,000 rows in the table", () -> onFx(() -> table.getItems().size() == 100_000));
        long slowest = roundTrips.stop();
        assertThat(slowest)
                .as("the slowest FX round trip while the output was read and shown, ms")
                .isLessThan(1_000);
        assertThat(onFx(() ->
                        table.getColumns().stream().map(TableColumn::getText).toList()))
                .containsExactly("id", "name", "ok");
        assertThat(onFx(() -> table.getColumns().get(1).getCellData(99_999))).isEqualTo("row 99999");
        assertThat(onFx(() -> output.model().summaryProperty().get())).isEqualTo("A list of 100,000 rows × 3 columns");

        robot.clickOn("Tree");
        TreeView<String> tree = robot.lookup("#output-tree").query();
        TreeItem<String> root = onFx(tree::getRoot);
        assertThat(onFx(root::getValue)).isEqualTo("output  [100000]");
        assertThat(onFx(() ->
                        root.getChildren().stream().map(TreeItem::getValue).toList()))
                .as("a big list opens as ranges, never 100,000 items at one level")
                .hasSize(10)
                .startsWith("[0 … 9999]", "[10000 … 19999]");
        assertThat(onFx(() -> root.getChildren().get(0).getChildren().size())).isEqualTo(100);

        robot.clickOn("#output-save-csv");
        Path csv = saves.resolve(runId + "-rows.csv");
        await("the CSV file", () -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(100_001);
        assertThat(lines.subList(0, 3)).containsExactly("id,name,ok", "0,row 0,true", "1,row 1,false");

        robot.clickOn("#output-save-json");
        Path json = saves.resolve(runId + "-rows.json");
        await("the JSON file", () -> Files.exists(json));
        JsonNode saved = new ObjectMapper().readTree(json.toFile());
        assertThat(saved).hasSize(100_000);
        assertThat(saved.get(99_999).get("name").asText()).isEqualTo("row 99999");
    }

    @Test
    void aNestedObjectIsATreeWithoutATable(FxRobot robot) throws Exception {
        RunDetailView detail = openEndedRun(robot);

        FullOutputView output = openFullOutput(robot, detail, "nested");
        await(
                "the output read",
                () -> onFx(() -> output.model().outputProperty().get() != null));

        assertThat(onFx(() -> output.model().rowsProperty().get())).isNull();
        assertThat(onFx(() -> output.model().summaryProperty().get())).isEqualTo("An object of 3 keys");
        Button csv = robot.lookup("#output-save-csv").queryButton();
        assertThat(onFx(csv::isDisabled)).isTrue();
        TreeView<String> tree = robot.lookup("#output-tree").query();
        assertThat(onFx(() -> tree.getRoot().getChildren().stream()
                        .map(TreeItem::getValue)
                        .toList()))
                .containsExactly("name: \"nested\"", "tags  [2]", "inner  {1}");
        assertThat(onFx(() -> tree.getRoot().getChildren().get(1).getChildren().stream()
                        .map(TreeItem::getValue)
                        .toList()))
                .containsExactly("[0]: \"a\"", "[1]: \"b\"");
    }

    @Test
    void theRunIdAndItsStateAreWholeAt1280x800WhateverThePipelinesId(FxRobot robot) throws Exception {
        RunDetailView detail =
                openEndedRun(robot, "a_pipeline_whose_id_is_long_enough_to_crowd_the_header_of_its_runs");
        String runId = detail.model().runId();

        Label title = robot.lookup("#run-title").queryAs(Label.class);
        Label state = robot.lookup("#run-state").queryAs(Label.class);
        await(
                "the header laid out with the run",
                () -> onFx(() -> runId.equals(title.getText())
                        && "success".equalsIgnoreCase(state.getText())
                        && title.getWidth() > 0));
        double sceneWidth = onFx(() -> title.getScene().getWidth());
        assertThat(sceneWidth).isEqualTo(1280);
        for (Label whole : List.of(title, state)) {
            assertThat(onFx(() -> whole.getWidth()))
                    .as(whole.getId() + " is as wide as its text")
                    .isGreaterThanOrEqualTo(onFx(() -> whole.prefWidth(-1)) - 0.5);
            assertThat(onFx(() -> whole.localToScene(whole.getLayoutBounds()).getMaxX()))
                    .as(whole.getId() + " is inside the window")
                    .isLessThanOrEqualTo(sceneWidth);
        }
        for (String action : List.of("#compare-last-success", "#cancel-run", "#retry-run")) {
            Button button = robot.lookup(action).queryButton();
            assertThat(onFx(() -> button.getWidth()))
                    .as(action + " keeps its whole text")
                    .isGreaterThanOrEqualTo(onFx(() -> button.prefWidth(-1)) - 0.5);
        }
    }

    private RunDetailView openEndedRun(FxRobot robot) throws Exception {
        return openEndedRun(robot, "outputs");
    }

    private RunDetailView openEndedRun(FxRobot robot, String pipelineId) throws Exception {
        String runId = harness.client().trigger(pipelineId, Map.of());
        robot.interact(() -> harness.window.openRun(new RunRef("local", runId)));
        await("the run detail", () -> harness.window.runDetail() != null);
        RunDetailView detail = harness.window.runDetail();
        robot.interact(() -> detail.setSaveTarget((suggested, kind) -> Optional.of(saves.resolve(suggested))));
        await("the run to end", () -> onFx(() -> detail.model().isEnded()));
        assertThat(onFx(() -> detail.model().runProperty().get().status())).isEqualTo("success");
        return detail;
    }

    private static FullOutputView openFullOutput(FxRobot robot, RunDetailView detail, String taskId) throws Exception {
        robot.interact(() -> detail.model().selectedTaskProperty().set(taskId));
        Button full = robot.lookup("#full-output").queryButton();
        await("the output's preview", () -> onFx(() -> !full.isDisabled()));
        robot.interact(full::fire);
        TabPane tabs = robot.lookup("#run-tabs").queryAs(TabPane.class);
        await(
                "the output tab",
                () -> onFx(() -> tabs.getSelectionModel().getSelectedItem() != null
                        && "output-tab"
                                .equals(tabs.getSelectionModel()
                                        .getSelectedItem()
                                        .getId())));
        Tab tab = onFx(() -> tabs.getSelectionModel().getSelectedItem());
        assertThat(onFx(tab::getText)).isEqualTo("Output · task " + taskId);
        return onFx(() -> (FullOutputView) tab.getContent());
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }
}
