package dev.orchestrator.validation;

import dev.orchestrator.connector.PluginCatalog;
import dev.orchestrator.model.PoolDeclaration;
import dev.orchestrator.model.ResourceLimits;
import dev.orchestrator.secret.SecretMasker;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a pipeline is checked against beyond itself.
 *
 * @param pipelineIds every pipeline id loaded, for {@code trigger:} targets
 * @param plugins     installed connectors and hooks; empty when they are not known (connector, action and hook
 *                    names are then not checked)
 * @param secrets     the values {@code ${VAR}} references resolved to: a check whose message would quote one, or a
 *                    library's text derived from one (upper-cased, split), says less instead
 * @param pools       the shared pools declared across all files, by name (the first declaration of each)
 * @param limits      what the agent that loads the pipelines may give its attempts; empty where no agent does (the
 *                    CLI's {@code validate}, the editor)
 */
record ValidationScope(
        Set<String> pipelineIds,
        Optional<PluginCatalog> plugins,
        SecretMasker secrets,
        Map<String, PoolDeclaration> pools,
        Optional<ResourceLimits> limits) {

    ValidationScope(Set<String> pipelineIds, Optional<PluginCatalog> plugins) {
        this(pipelineIds, plugins, SecretMasker.none(), Map.of(), Optional.empty());
    }

    /** Whether {@code value} holds a value that came from the environment. */
    boolean holdsSecret(String value) {
        return !secrets.mask(value).equals(value);
    }
}
