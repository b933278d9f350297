package dev.orchestrator.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.orchestrator.desktop.editor.EditorView;
import dev.orchestrator.desktop.logs.LogSearchModel;
import dev.orchestrator.testsupport.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The editor's live validation and save, and the log search with its export, against a real agent. */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class EditorAndLogsTest {

    private static final String YAML = """
            pipelines:
              - id: greeter
                name: Greeter
                tasks:
                  - id: hello
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "echo 'hello, \\"world\\"' >&2; echo 'second line' >&2"] }
                  - id: crash
                    connector: shell
                    action: run
                    depends_on: [hello]
                    retry: { times: 0 }
                    action_kwargs: { command: sh, args: ["-c", "echo broken-pipe-detected >&2; exit 4"] }
            """;

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(YAML);

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

    private EditorView openInEditor(FxRobot robot) throws Exception {
        robot.clickOn("#nav-editor");
        EditorView editor = harness.window.editor();
        await(
                "the agent's pipelines",
                20,
                () -> !harness.workspace.sessions().get(0).pipelines().isEmpty());
        await("the editor page", 20, () -> editor.code().readyProperty().get());
        robot.interact(() -> editor.open("local", "greeter"));
        await(
                "the file to open",
                20,
                () -> editor.model().textProperty().get().contains("id: greeter")
                        && editor.model().resultProperty().get() != null);
        return editor;
    }

    private List<Integer> markers(EditorView editor) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> editor.code().markerLines()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aMisspelledKeyIsMarkedOnItsLineWithinASecondAndFixingItClearsTheMarker(FxRobot robot) throws Exception {
        EditorView editor = openInEditor(robot);
        assertThat(markers(editor)).isEmpty();
        String text = editor.model().textProperty().get();

        robot.interact(() -> editor.code().typeText(text.replace("    depends_on: [hello]", "    depend_on: [hello]")));
        long typed = System.nanoTime();
        await("a marker on line 12", 1, () -> markers(editor).contains(12));
        long millis = (System.nanoTime() - typed) / 1_000_000;

        assertThat(markers(editor)).containsExactly(12);
        assertThat(editor.model().diagnostics()).anySatisfy(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("KEY001");
            assertThat(diagnostic.message()).contains("depend_on");
        });
        assertThat(millis).as("marker shown after typing").isLessThan(1_000);

        robot.interact(() -> editor.code().typeText(text));
        await("the marker to go", 1, () -> markers(editor).isEmpty());
    }

    @Test
    void savingUpdatesThePipelineOnTheAgent(FxRobot robot) throws Exception {
        EditorView editor = openInEditor(robot);
        String text = editor.model().textProperty().get();
        robot.interact(() -> editor.code().typeText(text.replace("name: Greeter", "name: Friendly greeter")));
        await(
                "the change to be noticed",
                5,
                () -> editor.model().dirtyProperty().get()
                        && editor.model().resultProperty().get().errorCount() == 0);

        robot.interact(editor::saveNow);

        await(
                "the agent to have the new name",
                20,
                () -> harness.agent()
                        .pipelines()
                        .find("greeter")
                        .map(pipeline -> pipeline.name().equals("Friendly greeter"))
                        .orElse(false));
        await(
                "the editor to count it saved",
                5,
                () -> !editor.model().dirtyProperty().get());
        assertThat(Files.readString(harness.pipelines.resolve("pipelines.yaml")))
                .contains("name: Friendly greeter");
    }

    @Test
    void ctrlSShowsTheDiffToConfirmAsTheSaveButtonDoesAndSavesOnlyOnOk(FxRobot robot) throws Exception {
        EditorView editor = openInEditor(robot);
        String text = editor.model().textProperty().get();
        robot.interact(() -> editor.code().typeText(text.replace("name: Greeter", "name: Friendly greeter")));
        await(
                "the change to be noticed",
                5,
                () -> editor.model().dirtyProperty().get()
                        && editor.model().resultProperty().get().errorCount() == 0);
        Path file = harness.pipelines.resolve("pipelines.yaml");
        String before = Files.readString(file);

        robot.clickOn("#code-editor").press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);

        await(
                "the diff to confirm",
                10,
                () -> robot.lookup(".dialog-pane .text-area").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .text-area")
                        .queryAs(javafx.scene.control.TextArea.class)
                        .getText())
                .contains("-    name: Greeter")
                .contains("+    name: Friendly greeter");
        assertThat(Files.readString(file)).as("nothing saved before OK").isEqualTo(before);

        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof javafx.scene.control.Button button && button.isDefaultButton())
                .queryButton());

        await("the file to be saved", 20, () -> Files.readString(file).contains("name: Friendly greeter"));
        await(
                "the editor to count it saved",
                5,
                () -> !editor.model().dirtyProperty().get());
    }

    @Test
    void completingAKeyTypedBeforeItsColonKeepsOneColon(FxRobot robot) throws Exception {
        EditorView editor = openInEditor(robot);
        String text = editor.model().textProperty().get();
        robot.interact(() -> editor.code().typeText(text.replace("    depends_on: [hello]", "    depen: [hello]")));

        String completed = WaitForAsyncUtils.asyncFx(() -> (String) editor.code()
                        .script("cm.setCursor({line: 11, ch: 13});"
                                + " var hint = yamlHint(cm);"
                                + " cm.replaceRange(hint.list[0], hint.from, hint.to);"
                                + " cm.getLine(11)"))
                .get(5, TimeUnit.SECONDS);

        assertThat(completed).isEqualTo("        depends_on: [hello]");
    }

    @Test
    void aTokenWrittenLiterallyIsMarkedAsAWarningThatDoesNotQuoteIt(FxRobot robot) throws Exception {
        EditorView editor = openInEditor(robot);
        String text = editor.model().textProperty().get();

        robot.interact(() -> editor.code()
                .typeText(text.replace(
                        "    name: Greeter", "    name: Greeter\n    params: { shop_token: tok-4711-abc }")));

        await("a marker on line 4", 5, () -> markers(editor).contains(4));
        assertThat(editor.model().diagnostics()).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("SEC001");
            assertThat(diagnostic.isError()).isFalse();
            assertThat(diagnostic.line()).isEqualTo(4);
            assertThat(diagnostic.message()).contains("shop_token").doesNotContain("tok-4711-abc");
            assertThat(diagnostic.hint()).contains("${GREETER_SHOP_TOKEN}");
        });
        assertThat(robot.lookup("#editor-problems").queryListView().getItems())
                .singleElement()
                .asString()
                .contains("SEC001");
    }

    @Test
    void searchesLogsAndExportsEveryMatchingRowToCsv(FxRobot robot) throws Exception {
        for (int i = 0; i < 3; i++) {
            String runId = harness.agent()
                    .executor()
                    .start(
                            harness.agent().pipelines().find("greeter").orElseThrow(),
                            dev.orchestrator.agent.execute.RunRequest.manual(java.util.Map.of()),
                            harness.agent().pipelines().secrets());
            harness.agent().executor().await(runId, java.time.Duration.ofSeconds(20));
        }
        robot.clickOn("#nav-logs");
        robot.clickOn("#log-text").write("hello");
        robot.clickOn("#log-search");
        TableView<LogSearchModel.Hit> results = robot.lookup("#log-results").queryTableView();
        await("three hits", 20, () -> results.getItems().size() == 3);
        assertThat(results.getItems())
                .allSatisfy(hit -> assertThat(hit.entry().message()).isEqualTo("stderr: hello, \"world\""));

        Path file = harness.directory.resolve("export").resolve("logs.csv");
        Files.createDirectories(file.getParent());
        robot.interact(() -> harness.window.logs().exportTo(file));
        await("the export", 20, () -> Files.exists(file));

        List<String[]> rows;
        try (MappingIterator<String[]> lines = new CsvMapper()
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class)
                .readValues(file.toFile())) {
            rows = lines.readAll();
        }
        assertThat(rows.get(0)).startsWith("agent", "time", "kind", "level", "pipeline_id", "run_id");
        assertThat(rows).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(rows.get(i + 1)[0]).isEqualTo("local");
            assertThat(rows.get(i + 1)[8]).isEqualTo("stderr: hello, \"world\"");
            assertThat(rows.get(i + 1)[5])
                    .isEqualTo(results.getItems().get(i).entry().runId());
        }
    }
}
