package dev.orchestrator.api;

import java.util.List;

/**
 * {@code GET /api/v1/pipelines/{id}/grid}: a pipeline's last runs as columns and its tasks as rows, one page of rows
 * at a time, each cell what one task did in one run.
 *
 * @param runs       the columns, newest first
 * @param tasks      the rows of this page; each row's cells line up with {@code runs}
 * @param taskOffset the first row of this page, counted from 0 over every row
 * @param totalTasks how many rows there are in all: the tasks of the pipeline's current definition in file order,
 *                   then the tasks only the runs shown still have (removed since), in the order they ran
 */
public record GridDto(
        String pipelineId,
        List<GridRunDto> runs,
        List<GridRowDto> tasks,
        int taskOffset,
        int taskLimit,
        int totalTasks) {

    public GridDto {
        runs = List.copyOf(runs);
        tasks = List.copyOf(tasks);
    }
}
