package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One parameter whose value differs between two runs ({@link RunDiffDto}).
 *
 * @param change "added" (only run b has it), "removed" (only run a has it), or "changed" (both have it, with
 *               other values)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ParamChangeDto(String name, String change, Object a, Object b) {}
