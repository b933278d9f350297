package dev.orchestrator.agent.store;

import java.util.List;

/** One page of a list, with the size of the whole list. */
public record Page<T>(List<T> items, int page, int size, long total) {}
