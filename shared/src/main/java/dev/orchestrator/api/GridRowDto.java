package dev.orchestrator.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of the run grid: a task.
 *
 * @param map   true for a {@code for_each} task, whose cells count its items
 * @param cells one per run of the grid, in the same order; null where that run has no such task
 */
public record GridRowDto(String taskId, boolean map, List<GridCellDto> cells) {

    public GridRowDto {
        // null stands for "no such task in that run", which List.copyOf refuses
        cells = Collections.unmodifiableList(new ArrayList<>(cells));
    }
}
