package dev.orchestrator.desktop.dashboard;

import dev.orchestrator.desktop.ui.Columns;
import dev.orchestrator.desktop.ui.StateStyles;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The dashboard's Pools panel: the {@link PoolsModel}'s rows; a pool with tasks waiting shows its slots as queued.
 * Who holds a pool and who waits are named {@code pipeline / task}, one a line in one column, which fits the
 * half-width panel at 1280×800; their runs' ids are in the cell's tooltip.
 */
final class PoolsPanel extends TableView<PoolsModel.Row> {

    PoolsPanel(PoolsModel model) {
        setId("pools");
        TableColumn<PoolsModel.Row, String> pool =
                Columns.text("Pool", row -> row.pool().name());
        TableColumn<PoolsModel.Row, PoolsModel.Row> taken = column("Taken", PoolsModel.Row::taken, row -> null, true);
        TableColumn<PoolsModel.Row, PoolsModel.Row> tasks =
                column("Held by, then waiting", PoolsModel.Row::tasks, PoolsModel.Row::tasksInFull, false);
        tasks.setId("pool-tasks");
        getColumns().setAll(List.of(pool, taken, tasks));
        Columns.fixed(pool, 110);
        Columns.fixed(taken, 70);
        Columns.fill(this, tasks, 200);
        setPlaceholder(Columns.placeholder("No shared pools (pools: in a pipeline file)"));
        setItems(model.rows());
    }

    /**
     * A column whose cells show a row's text with a tooltip, and when {@code coloured} its pool's state. The row
     * itself is the cells' value: the colour and the tooltip need the whole row.
     */
    private static TableColumn<PoolsModel.Row, PoolsModel.Row> column(
            String title,
            Function<PoolsModel.Row, String> value,
            Function<PoolsModel.Row, String> tooltipOf,
            boolean coloured) {
        TableColumn<PoolsModel.Row, PoolsModel.Row> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(PoolsModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                boolean none = empty || row == null;
                if (coloured) {
                    // coloured text as a graphic, as the badges are: a cell whose own style class changes as it is
                    // reused was drawn at the top of its row
                    Label shown = new Label(none ? null : value.apply(row));
                    StateStyles.apply(shown, none ? null : row.saturated() ? "queued" : "success");
                    setGraphic(none ? null : shown);
                } else {
                    setText(none ? null : value.apply(row));
                }
                String full = none ? null : tooltipOf.apply(row);
                tooltip.setText(full);
                setTooltip(full == null ? null : tooltip);
            }
        });
        return column;
    }
}
