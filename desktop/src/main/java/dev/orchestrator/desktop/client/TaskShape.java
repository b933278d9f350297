package dev.orchestrator.desktop.client;

import java.util.List;

/** One task of a pipeline's definition, for drawing its DAG. */
public record TaskShape(String id, String name, String connector, String action, List<String> dependsOn) {}
