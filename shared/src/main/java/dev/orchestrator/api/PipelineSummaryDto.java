package dev.orchestrator.api;

import java.util.List;

/**
 * A pipeline in {@code GET /pipelines}: {@code schedule} in words, {@code nextRun} ISO 8601 (null when none),
 * {@code status} {@code active} or {@code paused}; {@code brokenFile} names its file when that file fails to load
 * now and this is its last valid version, still scheduled; {@code parameters} are its {@code params:}, plain and
 * typed, for a trigger form.
 */
public record PipelineSummaryDto(
        String id,
        String name,
        String schedule,
        String nextRun,
        String timezone,
        String brokenFile,
        String status,
        List<String> labels,
        List<ParamDeclarationDto> parameters) {}
