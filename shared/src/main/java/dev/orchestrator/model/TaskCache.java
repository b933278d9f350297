package dev.orchestrator.model;

import java.time.Duration;
import java.util.Optional;

/**
 * A task's {@code cache: { key, ttl_seconds }}: before running, the task looks up an output stored under the
 * pipeline id, the task id, a hash of the task's definition and rendered arguments, and the rendered {@code key};
 * a hit ends the task at once as {@code success} (marked cached) with the stored output.
 *
 * @param key a template, rendered when the task starts (it may read {@code outputs.<task>} of the task's
 *            dependencies and, in a {@code for_each} task, {@code item})
 * @param ttl how old a stored output may be to be reused; empty means it never expires
 */
public record TaskCache(String key, Optional<Duration> ttl) {}
