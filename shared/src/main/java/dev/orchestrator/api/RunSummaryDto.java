package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;

/**
 * {@code GET /api/v1/runs/{run_id}?view=summary}: the run as in lists, and how many of its tasks are in each state
 * (by state name, sorted), for clients that poll.
 */
public record RunSummaryDto(@JsonUnwrapped RunDto run, Map<String, Integer> taskCounts, int tasksTotal) {}
