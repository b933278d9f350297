package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.PipelineRow;
import dev.orchestrator.desktop.fleet.Drift;
import dev.orchestrator.desktop.fleet.FleetOutcome;
import dev.orchestrator.desktop.fleet.FleetTarget;
import dev.orchestrator.desktop.fleet.SideBySide;
import dev.orchestrator.desktop.session.AgentHealth;
import dev.orchestrator.desktop.session.LiveAgent;
import dev.orchestrator.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 22's fleet operations in the console, against two real agents: drift of one pipeline between them, its diff
 * and the copy that ends it after the target's validation; a pause by label with one agent down.
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class FleetScreenTest {

    static String load(String rows) {
        return """
                pipelines:
                  - id: load
                    labels: [nightly]
                    tasks:
                      - id: extract
                        connector: shell
                        action: run
                        action_kwargs:
                          command: echo
                          args: ["%s"]
                """.formatted(rows);
    }

    static final String ADHOC = """
            pipelines:
              - id: adhoc
                labels: [manual]
                tasks:
                  - { id: step, connector: shell, action: run, action_kwargs: { command: "true" } }
            """;

    private ConsoleHarness harness;
    private LiveAgent second;

    @Start
    void start(Stage stage) throws Exception {
        harness = new ConsoleHarness(Map.of("load.yaml", load("rows from v1"), "adhoc.yaml", ADHOC));
        second = new LiveAgent(Map.of("load.yaml", load("rows from v2")));
        harness.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        second.close();
    }

    /** Connects the second agent as a user adds one, and waits until the console has read both agents' pipelines. */
    private void connectTheSecondAgent(FxRobot robot) throws Exception {
        var profile = second.profile("second");
        robot.interact(() -> harness.workspace.put(profile));
        await(
                "both agents' pipelines",
                () -> onFx(() -> harness.workspace.sessions().size() == 2
                        && harness.workspace.sessions().stream()
                                .allMatch(session -> session.healthProperty().get() == AgentHealth.ONLINE
                                        && !session.pipelines().isEmpty())));
    }

    /** Opens the agents screen's Fleet tab, as a user clicks its header. */
    static void openTheFleet(FxRobot robot) {
        robot.clickOn("#nav-agents");
        javafx.scene.control.TabPane tabs = robot.lookup("#agents-screen").queryAs(javafx.scene.control.TabPane.class);
        // clicked again until it is selected: on a loaded machine a click can land while the screen is still laid
        // out (the stale banner of an agent just stopped moves it), and a user would click again too
        await("the fleet tab", () -> {
            if (onFx(() ->
                    "Fleet".equals(tabs.getSelectionModel().getSelectedItem().getText()))) {
                return true;
            }
            robot.clickOn(robot.lookup("#agents-screen .tab .tab-label")
                    .match(node -> node instanceof Labeled header && "Fleet".equals(header.getText()))
                    .queryAs(Node.class));
            return false;
        });
    }

    private static Button dialogButton(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof Button button && text.equals(button.getText()))
                .queryButton();
    }

    static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    @Test
    void driftBetweenTwoAgentsShowsTheChangedLineAndACopyWithTheTargetsValidationEndsIt(FxRobot robot)
            throws Exception {
        connectTheSecondAgent(robot);
        openTheFleet(robot);

        robot.clickOn("#drift-check");
        TableView<Drift> drifts = robot.lookup("#drift-table").queryTableView();
        await("the drift", () -> onFx(() -> drifts.getItems().size() == 1));
        assertThat(onFx(() -> drifts.getItems().get(0).sides())).isEqualTo("local ≠ second");
        assertThat(robot.lookup("#drift-status").queryLabeled().getText())
                .isEqualTo("1 pipeline on several agents: 1 drifted");

        TableView<SideBySide.Row> diff = robot.lookup("#drift-diff").queryTableView();
        await("the texts side by side", () -> onFx(() -> !diff.getItems().isEmpty()));
        List<SideBySide.Row> changed = onFx(() -> diff.getItems().stream()
                .filter(row -> row.change() != SideBySide.Change.SAME)
                .toList());
        assertThat(changed).singleElement().satisfies(row -> {
            assertThat(row.change()).isEqualTo(SideBySide.Change.CHANGED);
            assertThat(row.left()).isEqualTo("          args: [\"rows from v1\"]");
            assertThat(row.right()).contains("rows from v2");
        });
        assertThat(robot.lookup(".side-by-side .table-cell.diff-removed")
                        .queryAs(Labeled.class)
                        .getText())
                .as("the changed line is drawn in colour on each side")
                .contains("rows from v1");
        assertThat(robot.lookup(".side-by-side .table-cell.diff-added")
                        .queryAs(Labeled.class)
                        .getText())
                .contains("rows from v2");

        Button copy = robot.lookup("#copy-version").queryButton();
        assertThat(copy.getText()).isEqualTo("Copy this version to second…");
        robot.clickOn(copy);
        await(
                "the validation preview",
                () -> robot.lookup("#copy-verdict").tryQuery().isPresent());
        assertThat(robot.lookup("#copy-verdict").queryLabeled().getText())
                .isEqualTo("Valid on second (its connectors and plugins): no problems");
        robot.clickOn(dialogButton(robot, "Copy to second"));

        AgentClient secondClient = new AgentClient(second.profile("second"), new okhttp3.OkHttpClient());
        await(
                "the text on the second agent",
                () -> secondClient.source("load").text().equals(load("rows from v1")));
        await("the drift to be gone", () -> onFx(() -> drifts.getItems().isEmpty()));
        assertThat(robot.lookup("#drift-status").queryLabeled().getText())
                .isEqualTo("1 pipeline on several agents: all the same");
    }

    @Test
    void aPauseByLabelAcrossTwoAgentsPausesTheLiveOneAndSaysTheDownOneIsUnreachable(FxRobot robot) throws Exception {
        connectTheSecondAgent(robot);
        second.stop();
        openTheFleet(robot);

        @SuppressWarnings("unchecked")
        ComboBox<String> label = robot.lookup("#fleet-label").queryAs(ComboBox.class);
        assertThat(onFx(() -> List.copyOf(label.getItems()))).containsExactly("manual", "nightly");
        robot.interact(() -> label.setValue("nightly"));
        TableView<FleetTarget> targets = robot.lookup("#fleet-targets").queryTableView();
        assertThat(onFx(() -> List.copyOf(targets.getItems())))
                .extracting(target -> target.agent() + "/" + target.pipelineId())
                .containsExactly("local/load", "second/load");

        robot.clickOn("#fleet-pause");
        await("the confirmation", () -> robot.lookup("#fleet-plan").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .header-panel .label")
                        .queryLabeled()
                        .getText())
                .isEqualTo("Pause 2 pipelines labelled nightly on 2 agents?");
        ListView<String> plan = robot.lookup("#fleet-plan").queryListView();
        assertThat(plan.getItems()).containsExactly("local: load", "second: load");
        robot.clickOn(dialogButton(robot, "Pause 2 pipelines"));

        TableView<FleetOutcome> results = robot.lookup("#fleet-results").queryTableView();
        await("both agents' results", () -> onFx(() -> results.getItems().size() == 2));
        Map<String, String> byAgent = onFx(() ->
                results.getItems().stream().collect(Collectors.toMap(FleetOutcome::agent, FleetOutcome::message)));
        assertThat(byAgent).containsEntry("local", "paused").containsEntry("second", "unreachable: connection refused");
        Node downRow = robot.lookup("#fleet-results .table-cell")
                .match(node -> node instanceof Labeled cell && "unreachable: connection refused".equals(cell.getText()))
                .query();
        assertThat(downRow.getStyleClass()).contains("error-text");
        Map<String, String> states =
                harness.client().pipelines().stream().collect(Collectors.toMap(PipelineRow::id, PipelineRow::status));
        assertThat(states).containsEntry("load", "paused").containsEntry("adhoc", "active");
        assertThat(robot.lookup("#fleet-summary").queryLabeled().getText()).isEqualTo("Pause: 1 of 2 done, 1 failed");
    }
}
