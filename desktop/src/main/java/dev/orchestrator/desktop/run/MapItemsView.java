package dev.orchestrator.desktop.run;

import dev.orchestrator.api.MapItemDto;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.ui.StateBadgeCell;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A map's items in a table a page at a time: index, the item's value, state, attempts, duration and the first line of
 * its error; a filter on state, previous and next page; the item selected shows its error and log below.
 */
final class MapItemsView extends VBox {

    static final String ALL_STATES = "all states";
    private static final int PREVIEW = 80;

    private final MapItemsModel model;
    private final Label title = new Label();
    private final ComboBox<String> state = new ComboBox<>();
    private final Button previous = new Button("‹ Previous");
    private final Button next = new Button("Next ›");
    private final Label page = new Label();
    private final ProgressIndicator loading = new ProgressIndicator();
    private final TableView<MapItemDto> table = new TableView<>();
    private final TextArea detail = new TextArea();
    private final Button fullOutput = new Button("Item's full output…");

    /** @param openOutput opens the whole output of the item at this index */
    MapItemsView(MapItemsModel model, Consumer<String> report, java.util.function.IntConsumer openOutput) {
        this.model = model;
        createView();
        bind(report);
        fullOutput.setOnAction(event -> {
            MapItemDto item = table.getSelectionModel().getSelectedItem();
            if (item != null) {
                openOutput.accept(item.index());
            }
        });
    }

    private void createView() {
        setSpacing(8);
        getStyleClass().add("map-items");
        title.getStyleClass().add("card-label");
        state.setId("items-state");
        state.getItems().add(ALL_STATES);
        state.getItems().addAll(MapItemsModel.STATES);
        state.setValue(ALL_STATES);
        previous.setId("items-previous");
        next.setId("items-next");
        page.setId("items-page");
        page.getStyleClass().add("muted");
        loading.setMaxSize(18, 18);
        loading.setId("items-loading");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        fullOutput.setId("item-full-output");
        fullOutput.setDisable(true);
        for (var keep : java.util.List.of(state, previous, next, page, fullOutput)) {
            keep.setMinWidth(Region.USE_PREF_SIZE);
        }
        title.setMinWidth(0);
        HBox bar = new HBox(10, title, loading, gap, new Label("State"), state, previous, page, next, fullOutput);
        bar.setAlignment(Pos.CENTER_LEFT);

        table.setId("map-items");
        table.setPlaceholder(new Label("No items"));
        column("#", item -> String.valueOf(item.index()), 56);
        column("Item", item -> preview(item.item()), 220);
        TableColumn<MapItemDto, String> status = column("State", MapItemDto::status, 100);
        status.setCellFactory(cell -> new StateBadgeCell<>());
        column("Attempts", item -> String.valueOf(item.attempts()), 72);
        column("Duration", item -> Format.duration(item.durationMs()), 84);
        column("Error", item -> firstLine(item.error()), 320);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        detail.setId("item-detail");
        detail.setEditable(false);
        detail.getStyleClass().add("stack-trace");
        detail.setPromptText("Select an item to see its error and log");
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.7);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(bar, split);
    }

    private TableColumn<MapItemDto, String> column(String name, Function<MapItemDto, String> value, double width) {
        TableColumn<MapItemDto, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false); // the agent pages in index order: sorting one page would mislead
        table.getColumns().add(column);
        return column;
    }

    private void bind(Consumer<String> report) {
        table.setItems(model.items());
        title.textProperty().bind(model.taskProperty().concat(" · items"));
        loading.visibleProperty().bind(model.loadingProperty());
        detail.textProperty().bind(model.itemDetailProperty());
        state.setOnAction(event -> {
            String chosen = state.getValue();
            String wanted = chosen == null || ALL_STATES.equals(chosen) ? null : chosen;
            if (!java.util.Objects.equals(wanted, model.stateProperty().get())) {
                model.filter(wanted);
            }
        });
        model.stateProperty().addListener((observable, old, now) -> state.setValue(now == null ? ALL_STATES : now));
        previous.setOnAction(event -> model.previous());
        next.setOnAction(event -> model.next());
        model.pageProperty().addListener(observable -> showPage());
        model.totalProperty().addListener(observable -> showPage());
        showPage();
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, item) -> {
            fullOutput.setDisable(item == null || !"success".equals(item.status()));
            if (item != null) {
                model.open(item);
            }
        });
        model.problemProperty().addListener((observable, old, problem) -> {
            if (problem != null) {
                report.accept(problem);
            }
        });
    }

    private void showPage() {
        page.setText(String.format(
                Locale.ROOT,
                "page %,d of %,d · %,d items",
                model.pageProperty().get(),
                model.pages(),
                model.totalProperty().get()));
        previous.setDisable(model.pageProperty().get() <= 1);
        next.setDisable(model.pageProperty().get() >= model.pages());
    }

    private static String preview(String json) {
        if (json == null) {
            return "";
        }
        return json.length() <= PREVIEW ? json : json.substring(0, PREVIEW - 1) + "…";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    TableView<MapItemDto> table() {
        return table;
    }
}
