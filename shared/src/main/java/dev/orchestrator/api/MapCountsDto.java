package dev.orchestrator.api;

/**
 * Where the items of a {@code for_each} task stand: succeeded, ended without success, running, not started yet
 * or waiting for a retry.
 */
public record MapCountsDto(int done, int failed, int running, int waiting, int total) {}
