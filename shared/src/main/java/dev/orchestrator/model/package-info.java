/**
 * The pipeline model as immutable records and enums ({@code Pipeline}, {@code Task}, {@code Schedule},
 * {@code RunState}, {@code TaskState}, ...) with every default applied, and where each value stands in its file
 * ({@code Position}, {@code SourceMap}). Plain data that every layer uses: it knows no YAML, JSON, template or
 * cron library, and nothing of loading, validating or running.
 */
package dev.orchestrator.model;
