package dev.orchestrator.api;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@code POST /api/v1/runs/bulk}: the action, whether it was a dry run, how many runs were selected,
 * how many ended in each outcome, and each run with its outcome, in the order they were selected.
 */
public record BulkResultDto(
        String action, boolean dryRun, int selected, Map<String, Integer> outcomes, List<BulkRunDto> runs) {}
