package dev.orchestrator.desktop.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.api.GridCellDto;
import dev.orchestrator.api.GridDto;
import dev.orchestrator.api.GridRowDto;
import dev.orchestrator.api.GridRunDto;
import dev.orchestrator.api.MapCountsDto;
import dev.orchestrator.desktop.graph.NodeState;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridMatrixTest {

    private static final GridRunDto NEWER = run("r2", "failed");
    private static final GridRunDto OLDER = run("r1", "success");

    @Test
    void joinsPagesOfRowsUnderTheFirstPagesColumns() {
        GridDto first = new GridDto(
                "nightly",
                List.of(NEWER, OLDER),
                List.of(new GridRowDto("extract", false, List.of(cell("success", null), cell("success", null)))),
                0,
                1,
                2);
        // a run started between the two pages: its cells are left out, the others land under their own run
        GridDto second = new GridDto(
                "nightly",
                List.of(run("r3", "running"), NEWER, OLDER),
                List.of(new GridRowDto(
                        "load", false, Arrays.asList(cell("running", null), cell("failed", "disk full"), null))),
                1,
                1,
                2);

        GridMatrix matrix = GridMatrix.of("local", "nightly", List.of(first, second));

        assertThat(matrix.rowCount()).isEqualTo(2);
        assertThat(matrix.columnCount()).isEqualTo(2);
        assertThat(matrix.task(1)).isEqualTo("load");
        assertThat(matrix.state(1, 0)).isEqualTo(NodeState.FAILED);
        assertThat(matrix.state(1, 1)).isNull();
        assertThat(matrix.describe(1, 0))
                .contains("load in run r2")
                .contains("failed · 1 attempt")
                .endsWith("disk full");
        assertThat(matrix.describe(1, 1)).contains("not in this run");
    }

    @Test
    void describesAMapsItems() {
        GridDto page = new GridDto(
                "mapped",
                List.of(OLDER),
                List.of(new GridRowDto(
                        "each",
                        true,
                        List.of(new GridCellDto(
                                "failed", 1_500L, 1, "3 of 7 items failed", new MapCountsDto(4, 3, 0, 0, 7))))),
                0,
                200,
                1);

        GridMatrix matrix = GridMatrix.of("local", "mapped", List.of(page));

        assertThat(matrix.isMap(0)).isTrue();
        assertThat(matrix.describe(0, 0)).contains("1.5 s").contains("7 items: 4 done, 3 failed, 0 running, 0 waiting");
    }

    @Test
    void findsTheCellUnderAPointAndOnlyTheVisibleOnes() {
        double x = GridGeometry.ROW_HEADER_WIDTH + 3 * GridGeometry.COLUMN_PITCH + 1;
        double y = GridGeometry.COLUMN_HEADER_HEIGHT + 5 * GridGeometry.ROW_PITCH + 1;
        assertThat(GridGeometry.columnAt(x, 0, 100)).isEqualTo(3);
        assertThat(GridGeometry.rowAt(y, 0, 1_000)).isEqualTo(5);
        // scrolled by two columns, the same point is over the fifth
        assertThat(GridGeometry.columnAt(x, 2 * GridGeometry.COLUMN_PITCH, 100)).isEqualTo(5);
        assertThat(GridGeometry.columnAt(GridGeometry.ROW_HEADER_WIDTH - 1, 0, 100))
                .isEqualTo(-1);
        // the gap between two cells is no cell
        assertThat(GridGeometry.columnAt(GridGeometry.ROW_HEADER_WIDTH + GridGeometry.CELL_WIDTH + 1, 0, 100))
                .isEqualTo(-1);

        int first = GridGeometry.firstRow(10_000, 1_000);
        int last = GridGeometry.lastRow(10_000, 800, 1_000);
        assertThat(first).isEqualTo((int) (10_000 / GridGeometry.ROW_PITCH));
        assertThat(last - first).isLessThan(40);
        assertThat(GridGeometry.lastRow(0, 800, 3)).isEqualTo(2);
    }

    private static GridRunDto run(String id, String status) {
        OffsetDateTime at = OffsetDateTime.parse("2026-12-05T06:00:00+01:00");
        return new GridRunDto(id, at, status, "local", at);
    }

    private static GridCellDto cell(String state, String error) {
        return new GridCellDto(state, 20L, 1, error, null);
    }
}
