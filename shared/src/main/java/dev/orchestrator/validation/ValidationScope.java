package dev.orchestrator.validation;

import dev.orchestrator.connector.PluginCatalog;

import java.util.Optional;
import java.util.Set;

/**
 * What a pipeline is checked against beyond itself.
 *
 * @param pipelineIds every pipeline id loaded, for {@code trigger:} targets
 * @param plugins     installed connectors and hooks; empty when they are not known (connector, action and hook
 *                    names are then not checked)
 */
record ValidationScope(Set<String> pipelineIds, Optional<PluginCatalog> plugins) {
}
