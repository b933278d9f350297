package dev.orchestrator.api;

import java.util.List;

/** A page of a list: {@code page} counts from 1, {@code size} is the most items a page holds. */
public record PageDto<T>(List<T> items, int page, int size, long total) {}
