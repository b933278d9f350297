package dev.orchestrator.desktop.fleet;

import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The drift half of the fleet screen ({@link DriftModel}): the drifted pipelines with the agents on each side, two of
 * a pipeline's texts side by side (changed lines in colour), and "Copy this version to …".
 */
public final class DriftView extends VBox {

    private final DriftModel model;
    private final Button check = new Button("Check drift");
    private final Label status = new Label();
    private final TableView<Drift> drifts = new TableView<>();
    private final ComboBox<Drift.Variant> left = new ComboBox<>();
    private final ComboBox<Drift.Variant> right = new ComboBox<>();
    private final TableView<SideBySide.Row> diff = new TableView<>();
    private final TableColumn<SideBySide.Row, String> leftText = new TableColumn<>("Left");
    private final TableColumn<SideBySide.Row, String> rightText = new TableColumn<>("Right");
    private final ComboBox<String> target = new ComboBox<>();
    private final Button copy = new Button();

    public DriftView(DriftModel model) {
        this.model = model;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().add("drift");
        setSpacing(8);
        check.setId("drift-check");
        check.setMinWidth(Region.USE_PREF_SIZE);
        status.setId("drift-status");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        Label title = new Label("Drift");
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox toolbar = new HBox(8, title, check, status);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);

        drifts.setId("drift-table");
        TableColumn<Drift, String> pipeline = new TableColumn<>("Pipeline");
        pipeline.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().pipelineId()));
        pipeline.setPrefWidth(110);
        TableColumn<Drift, String> sides = new TableColumn<>("Agents");
        sides.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().sides()));
        sides.setPrefWidth(150);
        drifts.getColumns().add(pipeline);
        drifts.getColumns().add(sides);
        drifts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        drifts.setPlaceholder(new Label("No drift found: check to compare the agents' pipelines"));
        drifts.setMinWidth(230);

        for (ComboBox<Drift.Variant> side : java.util.List.of(left, right)) {
            side.setConverter(new VariantNames());
            side.setButtonCell(new VariantCell());
            side.setCellFactory(list -> new VariantCell());
            side.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(side, Priority.ALWAYS);
        }
        left.setId("drift-left");
        right.setId("drift-right");
        HBox sidesBar = new HBox(8, new Label("Left"), left, new Label("Right"), right);
        sidesBar.setAlignment(Pos.CENTER_LEFT);

        diff.setId("drift-diff");
        diff.getStyleClass().addAll("side-by-side", "dense");
        diff.getColumns().add(number(SideBySide.Row::leftNumber));
        diff.getColumns().add(text(leftText, SideBySide.Row::left, "diff-removed", SideBySide.Change.ONLY_LEFT));
        diff.getColumns().add(number(SideBySide.Row::rightNumber));
        diff.getColumns().add(text(rightText, SideBySide.Row::right, "diff-added", SideBySide.Change.ONLY_RIGHT));
        diff.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        diff.setPlaceholder(new Label("Select a drifted pipeline to see its texts side by side"));
        diff.setFixedCellSize(22);
        VBox.setVgrow(diff, Priority.ALWAYS);

        target.setId("copy-target");
        copy.setId("copy-version");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        Label to = new Label("Target");
        to.setMinWidth(Region.USE_PREF_SIZE);
        target.setPrefWidth(150);
        target.setMinWidth(Region.USE_PREF_SIZE);
        copy.setTooltip(new javafx.scene.control.Tooltip(
                "The target validates the text first, then saves it through its conflict-checked save"));
        HBox copyBar = new HBox(8, to, target, copy);
        copyBar.setAlignment(Pos.CENTER_LEFT);

        VBox comparison = new VBox(6, sidesBar, diff, copyBar);
        SplitPane split = new SplitPane(drifts, comparison);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.26);
        SplitPane.setResizableWithParent(drifts, false);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(toolbar, split);
    }

    private static TableColumn<SideBySide.Row, String> number(Function<SideBySide.Row, Integer> of) {
        TableColumn<SideBySide.Row, String> column = new TableColumn<>("#");
        column.setCellValueFactory(cell -> {
            int line = of.apply(cell.getValue());
            return new ReadOnlyObjectWrapper<>(line == 0 ? "" : String.valueOf(line));
        });
        column.getStyleClass().add("line-number");
        column.setMinWidth(36);
        column.setMaxWidth(44);
        column.setPrefWidth(40);
        column.setSortable(false);
        return column;
    }

    /** A side's text: coloured where it differs from the other side (a changed line, or one only this side has). */
    private static TableColumn<SideBySide.Row, String> text(
            TableColumn<SideBySide.Row, String> column,
            Function<SideBySide.Row, String> of,
            String differs,
            SideBySide.Change onlyHere) {
        Predicate<SideBySide.Row> coloured =
                row -> row.change() == SideBySide.Change.CHANGED || row.change() == onlyHere;
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(of.apply(cell.getValue())));
        column.setSortable(false);
        column.setCellFactory(cells -> new TableCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-blank");
                SideBySide.Row row = empty ? null : getTableRow().getItem();
                setText(empty ? null : line);
                if (row != null) {
                    if (coloured.test(row)) {
                        getStyleClass().add(differs);
                    } else if (row.change() != SideBySide.Change.SAME) {
                        getStyleClass().add("diff-blank");
                    }
                }
            }
        });
        return column;
    }

    private void bind() {
        check.setOnAction(event -> model.check());
        check.disableProperty().bind(model.busyProperty());
        status.textProperty().bind(model.statusProperty());
        drifts.setItems(model.drifts());
        drifts.getSelectionModel().selectedItemProperty().addListener((observable, old, drift) -> {
            if (drift != null) {
                model.selectedProperty().set(drift);
            }
        });
        left.setItems(model.variants());
        right.setItems(model.variants());
        model.selectedProperty().addListener((observable, old, drift) -> {
            if (drift != null && !drift.equals(drifts.getSelectionModel().getSelectedItem())) {
                drifts.getSelectionModel().select(drift);
            }
        });
        left.valueProperty().bindBidirectional(model.leftProperty());
        right.valueProperty().bindBidirectional(model.rightProperty());
        leftText.textProperty().bind(sideTitle(left));
        rightText.textProperty().bind(sideTitle(right));
        diff.setItems(model.rows());
        target.setItems(model.targets());
        target.valueProperty().bindBidirectional(model.targetProperty());
        copy.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.targetProperty().get() == null
                                ? "Copy this version to …"
                                : "Copy this version to "
                                        + model.targetProperty().get() + "…",
                        model.targetProperty()));
        copy.disableProperty()
                .bind(model.targetProperty()
                        .isNull()
                        .or(model.busyProperty())
                        .or(model.leftProperty().isNull()));
        copy.setOnAction(event -> model.copy());
    }

    private static javafx.beans.binding.StringBinding sideTitle(ComboBox<Drift.Variant> side) {
        return Bindings.createStringBinding(
                () -> side.getValue() == null ? "" : "As on " + side.getValue().agents(), side.valueProperty());
    }

    /** A text named by the agents holding it. */
    private static final class VariantNames extends StringConverter<Drift.Variant> {
        @Override
        public String toString(Drift.Variant variant) {
            return variant == null ? "" : describe(variant);
        }

        @Override
        public Drift.Variant fromString(String text) {
            throw new UnsupportedOperationException("the texts are chosen, not typed");
        }
    }

    private static final class VariantCell extends ListCell<Drift.Variant> {
        @Override
        protected void updateItem(Drift.Variant variant, boolean empty) {
            super.updateItem(variant, empty);
            setText(empty || variant == null ? null : describe(variant));
        }
    }

    private static String describe(Drift.Variant variant) {
        long lines = variant.text().lines().count();
        return "as on " + variant.agents() + " (" + lines + (lines == 1 ? " line)" : " lines)");
    }
}
