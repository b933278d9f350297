package dev.orchestrator.desktop.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A whole output: what it is in words, its JSON as a tree (made as it is opened), and when it is a list of objects
 * a table of it, one column per key (virtualised: 100,000 rows scroll as 30 do); "Save JSON…" and, for rows,
 * "Save CSV…".
 */
public final class FullOutputView extends VBox {

    private final FullOutputModel model;
    private final Supplier<SaveTarget> target;
    private final Consumer<String> report;
    private final Label summary = new Label();
    private final ProgressIndicator loading = new ProgressIndicator();
    private final Button saveJson = new Button("Save JSON…");
    private final Button saveCsv = new Button("Save CSV…");
    private final TabPane views = new TabPane();
    private final TreeView<String> tree = new TreeView<>();
    private final TableView<JsonNode> table = new TableView<>();
    private final Tab treeTab = new Tab("Tree", tree);
    private final Tab tableTab = new Tab("Table", table);

    /** @param target asked where to save, when a save button is pressed */
    public FullOutputView(FullOutputModel model, Supplier<SaveTarget> target, Consumer<String> report) {
        this.model = model;
        this.target = target;
        this.report = report;
        createView();
        bind();
    }

    private void createView() {
        setSpacing(6);
        getStyleClass().add("full-output");
        summary.setId("output-summary");
        summary.setMinWidth(0);
        loading.setMaxSize(18, 18);
        saveJson.setId("output-save-json");
        saveCsv.setId("output-save-csv");
        for (Button button : new Button[] {saveJson, saveCsv}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, summary, loading, gap, saveJson, saveCsv);
        header.setAlignment(Pos.CENTER_LEFT);
        tree.setId("output-tree");
        table.setId("output-table");
        table.setPlaceholder(new Label("No rows"));
        treeTab.setId("output-tree-tab");
        tableTab.setId("output-table-tab");
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        views.getTabs().add(treeTab);
        VBox.setVgrow(views, Priority.ALWAYS);
        getChildren().addAll(header, views);
    }

    private void bind() {
        summary.textProperty().bind(model.summaryProperty());
        loading.visibleProperty().bind(model.loadingProperty());
        saveJson.disableProperty().bind(model.outputProperty().isNull());
        saveCsv.disableProperty().bind(model.rowsProperty().isNull());
        model.outputProperty().addListener((observable, old, output) -> showTree(output));
        model.rowsProperty().addListener((observable, old, rows) -> showRows(rows));
        showTree(model.outputProperty().get()); // read already, when the model was loaded before
        showRows(model.rowsProperty().get());
        model.problemProperty().addListener((observable, old, problem) -> {
            if (problem != null) {
                report.accept(problem);
            }
        });
        saveJson.setOnAction(event -> target.get()
                .choose(model.fileName() + ".json", "JSON")
                .ifPresent(path -> model.saveJson(path, report)));
        saveCsv.setOnAction(event ->
                target.get().choose(model.fileName() + ".csv", "CSV").ifPresent(path -> model.saveCsv(path, report)));
    }

    private void showTree(JsonNode output) {
        tree.setRoot(output == null ? null : JsonTree.root(output));
    }

    private void showRows(OutputRows rows) {
        table.getColumns().clear();
        if (rows == null) {
            table.getItems().clear();
            views.getTabs().remove(tableTab);
            return;
        }
        for (String key : rows.columns()) {
            TableColumn<JsonNode, String> column = new TableColumn<>(key);
            column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(OutputRows.cell(cell.getValue(), key)));
            column.setPrefWidth(Math.max(80, Math.min(320, 9.0 * key.length() + 40)));
            table.getColumns().add(column);
        }
        table.getItems().setAll(rows.rows());
        if (!views.getTabs().contains(tableTab)) {
            views.getTabs().add(0, tableTab); // a list of rows reads best as a table: shown first
        }
        views.getSelectionModel().select(tableTab);
    }

    public FullOutputModel model() {
        return model;
    }
}
