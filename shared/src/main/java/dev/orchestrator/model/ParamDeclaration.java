package dev.orchestrator.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A typed entry of a pipeline's {@code params:} ({@code day: { type: date, default: "{{ yesterday }}" }}); a
 * plain value ({@code day: "2026-01-01"}) is a default only and has no declaration. Immutable.
 *
 * @param defaultValue the default as written (a template stays text, rendered when a run starts); empty when the
 *                     trigger must give the value, or the run goes without it
 * @param choices      {@code enum:}, the only values allowed, as written; empty allows any value of the type
 * @param required     true when a run needs a value: {@code required:} as written, else true without a default
 */
public record ParamDeclaration(
        String name,
        ParamType type,
        Optional<Object> defaultValue,
        List<Object> choices,
        String description,
        boolean required) {

    public ParamDeclaration {
        choices = Collections.unmodifiableList(new ArrayList<>(choices));
    }

    /** {@code choices} converted to the type; choices that are not of it (the validator's PAR003) left out. */
    public List<Object> typedChoices() {
        return choices.stream().flatMap(choice -> type.convert(choice).stream()).toList();
    }
}
