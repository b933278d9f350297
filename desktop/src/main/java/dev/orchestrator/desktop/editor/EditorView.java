package dev.orchestrator.desktop.editor;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.orchestrator.desktop.client.PipelineRow;
import dev.orchestrator.desktop.graph.DagLayout;
import dev.orchestrator.desktop.graph.DagView;
import dev.orchestrator.desktop.graph.GraphEdge;
import dev.orchestrator.desktop.graph.GraphNode;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The pipeline editor: the YAML with live validation (gutter markers, underlines, a problem list that jumps to
 * the line), completion, a live preview of the DAG and of the next fire times; open from an agent or a local
 * file, save back after a diff. Unsaved changes are never dropped without asking.
 */
public final class EditorView extends VBox {

    private static final DateTimeFormatter FIRE = DateTimeFormatter.ofPattern("EEE MMM d, HH:mm z", Locale.ENGLISH);

    private final EditorModel model;
    private final List<AgentSession> sessions;
    private final Consumer<String> report;
    private final CodeEditor code;
    private final Label origin = new Label("No file open: open a pipeline from an agent, or a file");
    private final Label verdict = new Label();
    private final Button openAgent = new Button("Open from agent…");
    private final Button openFile = new Button("Open file…");
    private final Button save = new Button("Save");
    private final ListView<Diagnostic> problems = new ListView<>();
    private final DagView preview = new DagView();
    private final ListView<String> fires = new ListView<>();
    private final DagLayout layout = new DagLayout();
    // the document whose text the code pane holds: the pane's edits are the edits of this document only
    private EditorModel.Document shown;

    public EditorView(EditorModel model, List<AgentSession> sessions, Consumer<String> report) {
        this.model = model;
        this.sessions = sessions;
        this.report = report;
        this.shown = model.documentProperty().get();
        this.code = new CodeEditor(text -> model.edit(shown, text), model::completions);
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().addAll("screen", "editor");
        Label title = new Label("Editor");
        title.getStyleClass().add("screen-title");
        origin.getStyleClass().add("muted");
        verdict.setId("editor-verdict");
        save.setId("editor-save");
        openAgent.setId("editor-open-agent");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox toolbar = new HBox(8, openAgent, openFile, save, gap, verdict);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        code.setId("code-editor");
        problems.setId("editor-problems");
        problems.setPlaceholder(new Label("No problems"));
        problems.setCellFactory(list -> new ProblemCell());
        problems.setPrefHeight(150);
        preview.setMinHeight(160);
        fires.setPlaceholder(new Label("Not scheduled by time"));
        fires.setPrefHeight(140);
        VBox side = new VBox(
                6,
                caption("Problems (click to go to the line)"),
                problems,
                caption("DAG"),
                preview,
                caption("Next fire times"),
                fires);
        VBox.setVgrow(preview, Priority.ALWAYS);
        SplitPane split = new SplitPane(code, side);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(title, toolbar, origin, split);
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("card-label");
        return label;
    }

    private void bind() {
        model.documentProperty().addListener((observable, old, now) -> {
            origin.setText(now.isOpen() ? now.origin().name() : "");
            if (!now.isSameOpening(shown)) { // a newly opened file; an edit or a save keeps the pane as it is
                shown = now;
                code.setText(now.text());
            }
        });
        model.diagnostics().addListener((javafx.collections.ListChangeListener<Diagnostic>) change -> {
            problems.getItems().setAll(model.diagnostics());
            code.showProblems(model.diagnostics());
        });
        model.resultProperty().addListener((observable, old, result) -> {
            if (result == null) {
                return;
            }
            long errors = result.errorCount();
            verdict.setText((errors == 0 ? "valid" : errors + (errors == 1 ? " error" : " errors"))
                    + (result.diagnostics().size() > errors
                            ? ", " + (result.diagnostics().size() - errors) + " warnings"
                            : "")
                    + " · checked in " + result.millis() + " ms");
            verdict.getStyleClass().remove("error-text");
            if (errors > 0) {
                verdict.getStyleClass().add("error-text");
            }
            showPreview(result.pipelines());
        });
        problems.setOnMouseClicked(
                event -> Optional.ofNullable(problems.getSelectionModel().getSelectedItem())
                        .ifPresent(diagnostic -> code.goTo(diagnostic.line(), diagnostic.column())));
        save.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> !model.documentProperty().get().isOpen()
                                || !model.documentProperty().get().isDirty(),
                        model.documentProperty()));
        save.textProperty()
                .bind(Bindings.when(model.dirtyProperty()).then("Save *").otherwise("Save"));
        openAgent.setOnAction(event -> openFromAgent());
        openFile.setOnAction(event -> openFile());
        save.setOnAction(event -> save());
    }

    private void showPreview(List<Pipeline> pipelines) {
        if (pipelines.isEmpty()) {
            fires.getItems().clear();
            return;
        }
        Pipeline pipeline = pipelines.get(0);
        List<GraphNode> nodes = pipeline.tasks().stream()
                .map(task -> new GraphNode(task.id(), task.id()))
                .toList();
        List<GraphEdge> edges = new ArrayList<>();
        for (Task task : pipeline.tasks()) {
            task.dependsOn().stream()
                    .filter(upstream -> pipeline.task(upstream).isPresent())
                    .forEach(upstream -> edges.add(new GraphEdge(upstream, task.id())));
        }
        preview.setGraph(layout.layout(nodes, edges));
        preview.fit();
        List<String> lines = new ArrayList<>();
        for (NextFires.Fire fire :
                NextFires.of(pipeline, model.clock().getZone(), model.clock().instant(), 5)) {
            lines.add(FIRE.format(fire.time()) + (fire.clockChange().isEmpty() ? "" : "  ⚠ " + fire.clockChange()));
        }
        fires.getItems().setAll(lines);
        if (pipelines.size() > 1) {
            lines.add("(preview of " + pipeline.id() + ", the first of " + pipelines.size() + " pipelines)");
            fires.getItems().setAll(lines);
        }
    }

    /** Asks before dropping unsaved changes; true when it is fine to go on. */
    public boolean confirmDiscard() {
        if (!model.dirtyProperty().get()) {
            return true;
        }
        Alert ask = new Alert(
                Alert.AlertType.CONFIRMATION,
                "The text has changes that are not saved. Discard them?",
                ButtonType.CANCEL,
                new ButtonType("Discard", javafx.scene.control.ButtonBar.ButtonData.OK_DONE));
        ask.setHeaderText("Unsaved changes");
        ask.initOwner(getScene() == null ? null : getScene().getWindow());
        return ask.showAndWait()
                .filter(button -> button.getButtonData().isDefaultButton())
                .isPresent();
    }

    private void openFromAgent() {
        if (!confirmDiscard()) {
            return;
        }
        List<String> choices = new ArrayList<>();
        for (AgentSession session : sessions) {
            for (PipelineRow row : session.pipelines()) {
                choices.add(session.name() + " / " + row.id());
            }
        }
        if (choices.isEmpty()) {
            report.accept("No pipelines to open: no agent is connected");
            return;
        }
        ChoiceDialog<String> dialog = new ChoiceDialog<>(choices.get(0), choices);
        dialog.setTitle("Open a pipeline");
        dialog.setHeaderText("The file of which pipeline?");
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait()
                .ifPresent(choice ->
                        open(choice.substring(0, choice.indexOf(" / ")), choice.substring(choice.indexOf(" / ") + 3)));
    }

    /** Opens the file of a pipeline of an agent. */
    public void open(String agent, String pipelineId) {
        sessions.stream()
                .filter(session -> session.name().equals(agent))
                .findFirst()
                .ifPresent(session -> model.openFromAgent(session, pipelineId, report));
    }

    private void openFile() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a pipeline file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        var file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            try {
                model.openLocal(Path.of(file.getPath()));
            } catch (IOException e) {
                report.accept("cannot open " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * Saves as the Save button does, and as Ctrl+S does: not with errors, and only after the user has seen
     * and confirmed the diff against the saved text.
     */
    public void save() {
        if (!model.documentProperty().get().isOpen() || !model.dirtyProperty().get()) {
            return;
        }
        var result = model.resultProperty().get();
        if (result != null && result.errorCount() > 0) {
            report.accept("Not saved: fix the " + result.errorCount() + " errors first (see Problems)");
            return;
        }
        EditorModel.Document document = model.documentProperty().get();
        List<String> before = Arrays.asList(document.savedText().split("\n", -1));
        List<String> after = Arrays.asList(document.text().split("\n", -1));
        String name = document.origin().name();
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(name, name, before, DiffUtils.diff(before, after), 2);
        TextArea changes = new TextArea(String.join("\n", diff));
        changes.setEditable(false);
        changes.getStyleClass().add("stack-trace");
        changes.setPrefSize(720, 360);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.setTitle("Save " + name);
        confirm.setHeaderText("These changes will be saved to " + name);
        confirm.getDialogPane().setContent(changes);
        confirm.initOwner(getScene().getWindow());
        if (confirm.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            model.save(document, report, report); // the document shown in the diff, or nothing
        }
    }

    /** Saves without asking: for tests that are not about the confirmation. */
    public void saveNow() {
        model.save(report, report);
    }

    public void setDark(boolean dark) {
        code.setDark(dark);
        preview.setDarkTheme(dark);
    }

    public CodeEditor code() {
        return code;
    }

    public EditorModel model() {
        return model;
    }
}
