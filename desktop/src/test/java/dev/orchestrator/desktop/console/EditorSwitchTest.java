package dev.orchestrator.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.editor.EditorView;
import dev.orchestrator.testsupport.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real editor view opening one agent pipeline after another: the pane and a save follow the second. */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class EditorSwitchTest {

    private static final String ALPHA = """
            pipelines:
              - id: alpha
                name: Alpha
                tasks:
                  - id: first
                    connector: shell
                    action: run
                    action_kwargs: { command: echo, args: ["alpha"] }
            """;
    private static final String BETA = """
            pipelines:
              - id: beta
                name: Beta
                tasks:
                  - id: second
                    connector: shell
                    action: run
                    action_kwargs: { command: echo, args: ["beta"] }
            """;

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(Map.of("alpha.yaml", ALPHA, "beta.yaml", BETA));

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    private static void await(String what, long seconds, Callable<Boolean> condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(seconds))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(condition);
    }

    private static String pane(EditorView editor) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> editor.code().text()).get(5, TimeUnit.SECONDS);
    }

    private static void open(FxRobot robot, EditorView editor, String pipelineId) throws Exception {
        robot.interact(() -> editor.open("local", pipelineId));
        await(
                pipelineId + " to open",
                20,
                () -> WaitForAsyncUtils.asyncFx(
                                () -> editor.model().textProperty().get().contains("id: " + pipelineId)
                                        && editor.model().resultProperty().get() != null
                                        && editor.model().resultProperty().get().pipelines().stream()
                                                .anyMatch(pipeline ->
                                                        pipeline.id().equals(pipelineId)))
                        .get(5, TimeUnit.SECONDS));
    }

    @Test
    void openingAThenBShowsBsTextAndAKeystrokeThenSaveWritesBsTextWithThatKeystroke(FxRobot robot) throws Exception {
        robot.clickOn("#nav-editor");
        EditorView editor = harness.window.editor();
        await(
                "the agent's two pipelines",
                20,
                () -> harness.workspace.sessions().get(0).pipelines().size() == 2);
        await("the editor page", 20, () -> editor.code().readyProperty().get());

        open(robot, editor, "alpha");
        assertThat(pane(editor)).isEqualTo(ALPHA);
        open(robot, editor, "beta");
        assertThat(pane(editor)).as("the pane after opening beta").isEqualTo(BETA);

        robot.interact(() -> editor.code().typeText(editor.code().text() + "#"));
        await(
                "the keystroke to count as a change",
                5,
                () -> editor.model().dirtyProperty().get());
        robot.interact(editor::saveNow);

        Path beta = harness.pipelines.resolve("beta.yaml");
        await("beta.yaml to be saved", 20, () -> !Files.readString(beta).equals(BETA));
        assertThat(Files.readString(beta)).isEqualTo(BETA + "#");
        assertThat(Files.readString(harness.pipelines.resolve("alpha.yaml"))).isEqualTo(ALPHA);
    }
}
