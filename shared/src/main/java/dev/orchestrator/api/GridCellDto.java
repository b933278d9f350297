package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one task did in one run.
 *
 * @param state      the task's state, as the API spells it
 * @param durationMs how long it ran, from its first start to its end; null until it ended or when it never started
 * @param attempts   how many attempts it had
 * @param error      the first line of its last attempt's error, else of the reason it did not run; null on success
 * @param items      a {@code for_each} task's item counts; null for other tasks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GridCellDto(String state, Long durationMs, int attempts, String error, MapCountsDto items) {}
