package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orchestrator.model.ParamDeclaration;
import dev.orchestrator.model.Pipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One parameter of a pipeline, for a trigger form: a typed declaration ({@code type} one of {@code string},
 * {@code integer}, {@code number}, {@code boolean}, {@code date}, {@code datetime}) or a plain default
 * ({@code type} null, any value). {@code default} is as written: a template stays text, rendered by the agent.
 *
 * @param choices  {@code enum}: the only values allowed; empty allows any
 * @param required a trigger must give a value (a typed declaration without default)
 */
public record ParamDeclarationDto(
        String name,
        String type,
        @JsonProperty("default") Object defaultValue,
        @JsonProperty("enum") List<Object> choices,
        String description,
        boolean required) {

    public ParamDeclarationDto {
        choices = choices == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(choices));
        description = description == null ? "" : description;
    }

    /** Every parameter of the pipeline, in file order. */
    public static List<ParamDeclarationDto> of(Pipeline pipeline) {
        Set<String> known = new LinkedHashSet<>(pipeline.params().keySet());
        known.addAll(pipeline.paramDeclarations().keySet());
        // the defaults and the declarations are two maps: where each stands in the file puts them back in its order
        List<String> names = new ArrayList<>(known);
        names.sort(Comparator.comparing((String name) ->
                        pipeline.source().keyAt("params." + name).line())
                .thenComparing(name -> pipeline.source().keyAt("params." + name).column()));
        List<ParamDeclarationDto> parameters = new ArrayList<>(names.size());
        for (String name : names) {
            ParamDeclaration declaration = pipeline.paramDeclarations().get(name);
            parameters.add(
                    declaration == null
                            ? new ParamDeclarationDto(
                                    name, null, pipeline.params().get(name), List.of(), "", false)
                            : new ParamDeclarationDto(
                                    name,
                                    declaration.type().yamlName(),
                                    declaration.defaultValue().orElse(null),
                                    declaration.choices(),
                                    declaration.description(),
                                    declaration.required()));
        }
        return parameters;
    }
}
