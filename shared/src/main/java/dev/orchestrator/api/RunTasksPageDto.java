package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * {@code GET /api/v1/runs/{run_id}?tasks_limit=&tasks_offset=}: the run detail with a slice of its tasks in file
 * order, and where the slice lies among them.
 */
public record RunTasksPageDto(@JsonUnwrapped RunDto run, int tasksTotal, int tasksOffset, int tasksLimit) {}
