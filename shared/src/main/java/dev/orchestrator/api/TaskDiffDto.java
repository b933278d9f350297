package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One task of two runs side by side ({@link RunDiffDto}); a side is null where its run has no such task.
 *
 * @param changed       whether the state, the attempts or the output differ, or one run lacks the task
 * @param durationRatio b's duration divided by a's, to two decimals; null unless both ran and a took some time
 * @param outputHashA   the first 12 hex digits of the SHA-256 of the stored output's JSON; null without output
 * @param outputChanged whether the outputs' hashes differ (an output on one side only counts)
 * @param firstErrorA   the first line of the last attempt's error, else of the task's reason, when it did not
 *                      succeed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDiffDto(
        String taskId,
        boolean changed,
        String stateA,
        String stateB,
        Integer attemptsA,
        Integer attemptsB,
        Long durationMsA,
        Long durationMsB,
        Double durationRatio,
        String outputHashA,
        String outputHashB,
        boolean outputChanged,
        String firstErrorA,
        String firstErrorB) {}
