package dev.orchestrator.api;

import java.time.OffsetDateTime;

/**
 * One item of a {@code for_each} task.
 *
 * @param index      its 0-based place in the list
 * @param item       the element, as JSON text
 * @param attempts   how many attempts it had
 * @param durationMs how long its last attempt ran, once ended
 * @param error      the first line of its last attempt's error
 * @param reused     taken over from the run this one retries
 * @param childRunId the child run of its last attempt, when its task calls a pipeline; null otherwise
 */
public record MapItemDto(
        int index,
        String item,
        String status,
        int attempts,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Long durationMs,
        String error,
        boolean reused,
        String childRunId) {}
