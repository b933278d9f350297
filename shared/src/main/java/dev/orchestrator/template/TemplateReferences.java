package dev.orchestrator.template;

import java.util.Optional;
import java.util.Set;

/**
 * What one template string refers to, found by walking its parsed form.
 *
 * @param syntaxError the parser's message when the text does not parse
 * @param variables   root variables read and not defined inside the template (by {@code set} or {@code for})
 * @param params      names read as {@code params.x} or {@code params['x']}
 * @param outputs     task ids read as {@code outputs.x} or {@code outputs['x']}
 */
public record TemplateReferences(
        Optional<String> syntaxError, Set<String> variables, Set<String> params, Set<String> outputs) {

    public TemplateReferences(Optional<String> syntaxError, Set<String> variables, Set<String> params) {
        this(syntaxError, variables, params, Set.of());
    }

    public static TemplateReferences none() {
        return new TemplateReferences(Optional.empty(), Set.of(), Set.of(), Set.of());
    }
}
