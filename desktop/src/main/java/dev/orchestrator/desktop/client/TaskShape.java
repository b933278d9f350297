package dev.orchestrator.desktop.client;

import java.util.List;

/** One task of a pipeline's definition, for drawing its DAG; {@code map} for a {@code for_each} task. */
public record TaskShape(String id, String name, String connector, String action, List<String> dependsOn, boolean map) {}
