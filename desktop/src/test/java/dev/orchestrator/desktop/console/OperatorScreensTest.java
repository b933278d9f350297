package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.api.PipelineRevisionDto;
import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.compare.RunCompareModel;
import dev.orchestrator.desktop.pipelines.PipelinesModel;
import dev.orchestrator.desktop.runs.RunsModel;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 20, acceptance 8: "Compare with last success" on a failed run, the History tab of a pipeline restoring an old
 * version, and a retry of several runs selected in the runs list, in the console against a real agent.
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class OperatorScreensTest {

    static final String CHANGES = """
            pipelines:
              - id: changes
                tasks:
                  - { id: extract, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo 18204 rows"] } }
                  - { id: transform, connector: shell, action: run, depends_on: [extract], retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "exit 0"] } }
                  - { id: load, connector: shell, action: run, depends_on: [transform], action_kwargs: { command: "true" } }
            """;

    static final String BROKEN = CHANGES.replace("\"exit 0\"", "\"echo 'bad row 17 in orders.csv' >&2; exit 3\"");

    private static String history(String word) {
        return """
                pipelines:
                  - id: history_demo
                    tasks:
                      - { id: step, connector: shell, action: run, action_kwargs: { command: echo, args: ["%s"] } }
                """.formatted(word);
    }

    private static final String BREAKS = """
            pipelines:
              - id: breaks
                tasks:
                  - { id: explode, connector: shell, action: run, retry: { times: 0 }, action_kwargs: { command: "false" } }
            """;

    @RegisterExtension
    final ConsoleHarness harness =
            new ConsoleHarness(Map.of("changes.yaml", CHANGES, "history.yaml", history("v1"), "breaks.yaml", BREAKS));

    private AgentClient client;

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
        client = harness.client();
    }

    private String ranToTheEnd(String pipelineId) throws Exception {
        String runId = client.trigger(pipelineId, Map.of());
        harness.agent().executor().await(runId, Duration.ofSeconds(30));
        return runId;
    }

    private void save(String pipelineId, String text) {
        client.saveSource(pipelineId, text, client.source(pipelineId).version());
    }

    private Button dialogButton(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof Button button && text.equals(button.getText()))
                .queryButton();
    }

    @Test
    void comparingAFailedRunWithTheLastSuccessListsTheChangedTaskFirstAndTheRevisionDiff(FxRobot robot)
            throws Exception {
        String success = ranToTheEnd("changes");
        save("changes", BROKEN);
        String failed = ranToTheEnd("changes");
        assertThat(client.run(failed).status()).isEqualTo("failed");

        robot.interact(() -> harness.window.openRun(new RunRef("local", failed)));
        await("the run to load", () -> harness.window.runDetail().model().isEnded());
        await(
                "the comparison to be offered",
                () -> !robot.lookup("#compare-last-success").queryButton().isDisabled());
        robot.clickOn("#compare-last-success");

        TableView<RunCompareModel.Row> table = robot.lookup("#compare-table").queryTableView();
        await("the comparison", () -> table.getItems().size() == 3);
        List<RunCompareModel.Row> rows = List.copyOf(table.getItems());
        assertThat(rows).extracting(RunCompareModel.Row::taskId).containsExactly("transform", "load", "extract");
        assertThat(rows).extracting(RunCompareModel.Row::changed).containsExactly(true, true, false);
        assertThat(rows.get(0).stateA()).isEqualTo("success");
        assertThat(rows.get(0).stateB()).isEqualTo("failed");
        assertThat(rows.get(0).error()).contains("bad row 17");
        assertThat(rows.get(2).ratio()).startsWith("×");
        assertThat(robot.lookup("#compare-summary").queryLabeled().getText())
                .isEqualTo("2 of 3 tasks changed since run " + success + ", the last success");
        ListView<String> diff = robot.lookup("#compare-revision-diff").queryListView();
        assertThat(diff.getItems())
                .anyMatch(line -> line.startsWith("-") && line.contains("exit 0"))
                .anyMatch(line -> line.startsWith("+") && line.contains("bad row 17"));
    }

    @Test
    void theHistoryTabListsThreeVersionsAndRestoresTheFirst(FxRobot robot) throws Exception {
        save("history_demo", history("v2"));
        save("history_demo", history("v3"));
        robot.clickOn("#nav-pipelines");
        TableView<PipelinesModel.Item> pipelines = harness.window.pipelines().table();
        await(
                "the pipeline to be listed",
                () -> pipelines.getItems().stream()
                        .anyMatch(item -> item.pipeline().id().equals("history_demo")));
        robot.interact(() -> pipelines.getItems().stream()
                .filter(item -> item.pipeline().id().equals("history_demo"))
                .findFirst()
                .ifPresent(item -> pipelines.getSelectionModel().select(item)));

        TableView<PipelineRevisionDto> history = robot.lookup("#history-table").queryTableView();
        await("the three versions", () -> history.getItems().size() == 3);
        PipelineRevisionDto first = history.getItems().get(2);
        assertThat(history.getItems().get(0).current()).isTrue();
        assertThat(first.source()).isEqualTo("file");
        robot.interact(() -> history.getSelectionModel().clearAndSelect(2));
        ListView<String> diff = robot.lookup("#history-diff").queryListView();
        await(
                "the diff to the current version",
                () -> diff.getItems().stream().anyMatch(line -> line.startsWith("+") && line.contains("v3")));
        assertThat(diff.getItems()).anyMatch(line -> line.startsWith("-") && line.contains("v1"));

        robot.clickOn("#restore-revision");
        await("the confirmation", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn(dialogButton(robot, "Restore this version"));

        await(
                "the first version to be current again",
                () -> client.source("history_demo").text().equals(history("v1")));
        await(
                "the history to list the restore",
                () -> history.getItems().size() == 4
                        && history.getItems().get(0).revision().equals(first.revision())
                        && history.getItems().get(0).current());
        assertThat(history.getItems().get(0).source()).isEqualTo("api");
    }

    @Test
    void retryingThreeSelectedFailedRunsAsksWithTheCountAndStartsThreeRetries(FxRobot robot) throws Exception {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failed.add(ranToTheEnd("breaks"));
        }
        robot.clickOn("#nav-runs");
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        TableView<RunsModel.Row> runs = robot.lookup("#runs-table").queryTableView();
        await("the runs to be listed", () -> runs.getItems().size() == 3);

        robot.interact(() -> runs.getSelectionModel().selectRange(0, 3));
        assertThat(robot.lookup("#selected-count").queryLabeled().getText()).isEqualTo("3 selected");
        robot.clickOn("#retry-selected");
        await("the confirmation", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .header-panel .label")
                        .queryLabeled()
                        .getText())
                .isEqualTo("Retry 3 runs?");
        robot.clickOn(dialogButton(robot, "Retry 3 runs"));

        await(
                "three retries",
                () -> client.runs(Map.of("pipeline", "breaks"), 1, 50).items().stream()
                                .map(RunDto::parentRunId)
                                .filter(Objects::nonNull)
                                .count()
                        == 3);
        assertThat(client.runs(Map.of("pipeline", "breaks"), 1, 50).items().stream()
                        .map(RunDto::parentRunId)
                        .filter(Objects::nonNull))
                .containsExactlyInAnyOrderElementsOf(failed);
    }
}
