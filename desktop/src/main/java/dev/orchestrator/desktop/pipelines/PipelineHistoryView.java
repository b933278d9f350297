package dev.orchestrator.desktop.pipelines;

import dev.orchestrator.api.PipelineRevisionDto;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.ui.DiffLines;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The History tab of a pipeline ({@link PipelineHistoryModel}): its versions, newest first; the diff of the one or two
 * selected beside them; "Restore this version" for an old one.
 */
public final class PipelineHistoryView extends VBox {

    private final PipelineHistoryModel model;
    private final Clock clock;
    private final Label title = new Label();
    private final TableView<PipelineRevisionDto> table = new TableView<>();
    private final Label diffTitle = new Label();
    private final DiffLines diff =
            new DiffLines("Select a version to compare it with the current one, or two to compare them");
    private final Button restore = new Button("Restore this version");
    private final Button reload = new Button("Reload");

    public PipelineHistoryView(PipelineHistoryModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().add("pipeline-history");
        setSpacing(8);
        title.setId("history-title");
        title.getStyleClass().add("muted");
        title.setMinWidth(0);
        restore.setId("restore-revision");
        reload.setId("reload-history");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox toolbar = new HBox(8, title, gap, reload, restore);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        restore.setMinWidth(Region.USE_PREF_SIZE);
        reload.setMinWidth(Region.USE_PREF_SIZE);

        table.setId("history-table");
        table.getStyleClass().add("dense");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        column("Revision", PipelineRevisionDto::revision, 125);
        column(
                Format.inZone("Loaded", clock.getZone()),
                revision -> Format.time(revision.loadedAt(), clock.getZone(), LocalDate.now(clock)),
                150);
        column("Source", PipelineRevisionDto::source, 75);
        column("By", PipelineRevisionDto::author, 75);
        column("", revision -> revision.current() ? "current" : "", 70);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No versions kept yet"));
        diffTitle.setId("history-diff-title");
        diffTitle.getStyleClass().add("card-label");
        diff.setId("history-diff");
        VBox diffPane = new VBox(4, diffTitle, diff);
        VBox.setVgrow(diff, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, diffPane);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(toolbar, split);
    }

    private void column(String name, Function<PipelineRevisionDto, String> value, double width) {
        TableColumn<PipelineRevisionDto, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false); // newest first is the history's order
        table.getColumns().add(column);
    }

    private void bind() {
        title.textProperty().bind(model.titleProperty());
        diffTitle.textProperty().bind(model.diffTitleProperty());
        table.setItems(model.revisions());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<PipelineRevisionDto>)
                change -> model.selection()
                        .setAll(table.getSelectionModel().getSelectedItems().stream()
                                .filter(Objects::nonNull)
                                .toList()));
        model.diffProperty().addListener((observable, old, text) -> diff.show(text));
        restore.disableProperty().bind(model.canRestoreProperty().not());
        restore.setOnAction(event -> model.restore());
        reload.setOnAction(event -> model.reload());
    }

    public TableView<PipelineRevisionDto> table() {
        return table;
    }

    public DiffLines diff() {
        return diff;
    }
}
