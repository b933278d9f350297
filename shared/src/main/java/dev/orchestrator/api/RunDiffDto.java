package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /api/v1/runs/diff?a=RUN&b=RUN}: what differs between two runs. Each pair is run {@code a}'s value, then
 * run {@code b}'s.
 *
 * @param paramsChanged  the parameters whose values differ, by name
 * @param revisionDiff   the unified diff of the two runs' pipeline texts when their revisions differ and both are
 *                       kept; null otherwise
 * @param tasks          every task of either run: those of {@code b} in its order, then those only {@code a} has
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunDiffDto(
        String a,
        String b,
        String pipelineIdA,
        String pipelineIdB,
        String statusA,
        String statusB,
        OffsetDateTime logicalTimeA,
        OffsetDateTime logicalTimeB,
        boolean logicalTimeChanged,
        List<ParamChangeDto> paramsChanged,
        String revisionA,
        String revisionB,
        boolean revisionChanged,
        String revisionDiff,
        List<TaskDiffDto> tasks) {}
