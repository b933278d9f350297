package dev.orchestrator.api;

import java.util.List;

/**
 * {@code GET /api/v1/runs}: a page of runs, newest first ({@code tasks} not included); with a text search
 * ({@code q}) the total is counted up to a limit, and {@code totalCapped} says it is at least that many.
 */
public record RunPageDto(List<RunDto> items, int page, int size, long total, boolean totalCapped) {}
