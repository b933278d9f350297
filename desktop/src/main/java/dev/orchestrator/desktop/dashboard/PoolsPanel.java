package dev.orchestrator.desktop.dashboard;

import dev.orchestrator.desktop.ui.StateStyles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The dashboard's Pools panel: the {@link PoolsModel}'s rows; a pool with tasks waiting shows its slots as queued. */
final class PoolsPanel extends TableView<PoolsModel.Row> {

    PoolsPanel(PoolsModel model) {
        setId("pools");
        column("Pool", row -> row.pool().name(), 90);
        TableColumn<PoolsModel.Row, String> taken = column("Taken", PoolsModel.Row::taken, 60);
        taken.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                PoolsModel.Row row = empty ? null : getTableRow().getItem();
                StateStyles.apply(this, row == null ? null : row.saturated() ? "queued" : "success");
            }
        });
        column("Held by", PoolsModel.Row::holders, 170);
        column("Waiting", PoolsModel.Row::waiting, 150);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No shared pools (pools: in a pipeline file)"));
        setItems(model.rows());
    }

    private TableColumn<PoolsModel.Row, String> column(
            String title, Function<PoolsModel.Row, String> value, double width) {
        TableColumn<PoolsModel.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        getColumns().add(column);
        return column;
    }
}
