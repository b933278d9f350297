package dev.orchestrator.template;

import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.ParamDeclaration;
import dev.orchestrator.model.Pipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A run's parameters: the given ones over the pipeline's defaults, each typed one rendered when it is a template
 * ({@code "{{ yesterday }}"}), converted to its type ({@code "3"} becomes 3) and checked against its {@code enum}.
 * A pipeline without typed declarations gets the given values over its defaults, unchanged, as before them.
 * Stateless.
 */
public final class ParamBinding {

    private ParamBinding() {}

    /**
     * @param given        the trigger's values, by name
     * @param refuseUnknown whether a name the pipeline does not know is refused (a person's trigger) or passed on
     *                     (a hook, an event or a calling pipeline hands over values of its own)
     * @param render       renders a template value with the run's variables (not {@code params})
     * @throws InvalidParamException for the first parameter refused, in declaration order
     */
    public static Map<String, Object> bind(
            Pipeline pipeline, Map<String, Object> given, boolean refuseUnknown, UnaryOperator<String> render) {
        Map<String, Object> params = new LinkedHashMap<>(pipeline.params());
        Map<String, ParamDeclaration> declarations = pipeline.paramDeclarations();
        if (declarations.isEmpty()) {
            params.putAll(given);
            return params;
        }
        if (refuseUnknown) {
            refuseUnknown(pipeline, given);
        }
        given.forEach((name, value) -> {
            if (value != null || !declarations.containsKey(name)) {
                params.put(name, value); // a JSON null leaves a typed parameter to its default
            }
        });
        for (ParamDeclaration declaration : declarations.values()) {
            Object value = params.get(declaration.name());
            if (value == null) {
                params.remove(declaration.name());
                if (declaration.required()) {
                    throw new InvalidParamException(
                            declaration.name(),
                            expected(declaration),
                            "parameter '" + declaration.name() + "' is required and has no default: give "
                                    + expected(declaration));
                }
                continue;
            }
            params.put(declaration.name(), typed(declaration, value, render));
        }
        return params;
    }

    /** What a parameter takes, for messages and the API's answer: {@code one of eu, us} or the type's form. */
    public static String expected(ParamDeclaration declaration) {
        if (!declaration.choices().isEmpty()) {
            return "one of "
                    + String.join(
                            ", ",
                            declaration.choices().stream().map(String::valueOf).toList());
        }
        return declaration.type().expected();
    }

    /**
     * The value as the declaration takes it: rendered when it is a template, converted to the type, one of the
     * choices.
     *
     * @throws InvalidParamException when it is not
     */
    public static Object typed(ParamDeclaration declaration, Object value, UnaryOperator<String> render) {
        Object rendered = value;
        if (value instanceof String text && TemplateAnalyzer.isTemplate(text)) {
            try {
                rendered = render.apply(text);
            } catch (TemplateRenderException e) {
                throw new InvalidParamException(
                        declaration.name(),
                        expected(declaration),
                        "parameter '" + declaration.name() + "': the template '" + text + "' does not render: "
                                + e.getMessage());
            }
        }
        Optional<Object> converted = declaration.type().convert(rendered);
        String name = declaration.name();
        if (converted.isEmpty()) {
            throw new InvalidParamException(
                    name,
                    expected(declaration),
                    "parameter '" + name + "' is " + declaration.type().yamlName() + ", got " + shown(value, rendered)
                            + ": give " + declaration.type().expected());
        }
        List<Object> choices = declaration.typedChoices();
        if (!declaration.choices().isEmpty() && !choices.contains(converted.get())) {
            throw new InvalidParamException(
                    name,
                    expected(declaration),
                    "parameter '" + name + "' got " + shown(value, rendered) + ", which is not allowed: give "
                            + expected(declaration));
        }
        return converted.get();
    }

    private static void refuseUnknown(Pipeline pipeline, Map<String, Object> given) {
        var known = new TreeSet<>(pipeline.params().keySet());
        known.addAll(pipeline.paramDeclarations().keySet());
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                String hint = Suggestions.didYouMean(name, known);
                throw new InvalidParamException(
                        name,
                        "one of the pipeline's parameters: " + String.join(", ", known),
                        "pipeline '" + pipeline.id() + "' has no parameter '" + name + "'"
                                + (hint != null ? "; " + hint : "") + " its parameters: " + String.join(", ", known));
            }
        }
    }

    private static String shown(Object value, Object rendered) {
        String written = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return value.equals(rendered) ? written : written + " (rendered '" + rendered + "')";
    }
}
