package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.ParamDeclaration;
import dev.orchestrator.model.ParamType;
import dev.orchestrator.template.TemplateAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Binds a pipeline's {@code params:}: each entry is a plain default ({@code region: eu}, any YAML value) or, when
 * its value is a mapping with a {@code type} key, a typed declaration ({@code region: { type: string, enum: [eu,
 * us] }}) whose type, default and choices are checked here (PAR001–PAR004; unknown keys are KEY001 as
 * everywhere in the format). A default that is a template ({@code "{{ yesterday }}"}) is checked when a run starts,
 * once rendered. Not thread-safe: one per file being bound.
 */
final class ParamsReader {

    /** The plain defaults and typed defaults by name, and the typed declarations, both in file order. */
    record Params(Map<String, Object> defaults, Map<String, ParamDeclaration> declarations) {}

    private final BindContext context;
    private final PositionRecorder positions;

    ParamsReader(BindContext context, PositionRecorder positions) {
        this.context = context;
        this.positions = positions;
    }

    Params read(MappingReader pipeline) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, ParamDeclaration> declarations = new LinkedHashMap<>();
        pipeline.mapping("params", "the params of " + pipeline.owner(), null).ifPresent(params -> {
            FreeValues free = new FreeValues(context, positions);
            for (String name : params.keys()) {
                Node value = params.node(name).orElse(null);
                if (value instanceof MappingNode mapping && isDeclaration(mapping)) {
                    ParamDeclaration declaration = declaration(name, params.childPath(name), mapping);
                    declarations.put(name, declaration);
                    declaration.defaultValue().ifPresent(given -> defaults.put(name, given));
                } else {
                    defaults.put(name, value == null ? null : free.value(value, params.childPath(name), "params"));
                }
            }
        });
        return new Params(defaults, declarations);
    }

    /**
     * A mapping with a {@code type} is a declaration when the type is a parameter type, or when every key is a
     * declaration's key or close to one ({@code { type: interger }} is a declaration with a misspelt type); a plain
     * mapping value that happens to hold a {@code type} ({@code { type: postgres, host: db }}) stays a plain value,
     * as before declarations existed.
     */
    private static boolean isDeclaration(MappingNode mapping) {
        String type = null;
        boolean declarationKeysOnly = true;
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                return false;
            }
            if ("type".equals(key.getValue()) && entry.getValueNode() instanceof ScalarNode value) {
                type = value.getValue();
            } else if (!FormatKeys.PARAM.contains(key.getValue())
                    && Suggestions.closest(key.getValue(), FormatKeys.PARAM).isEmpty()) {
                declarationKeysOnly = false;
            }
        }
        return type != null && (ParamType.fromYaml(type.strip()).isPresent() || declarationKeysOnly);
    }

    private ParamDeclaration declaration(String name, String path, MappingNode mapping) {
        String owner = "parameter '" + name + "'";
        MappingReader declared = new MappingReader(context, positions, mapping, path, owner, FormatKeys.PARAM);
        ParamType type = declared.string("type")
                .map(typeName -> type(typeName, declared, owner))
                .orElse(ParamType.STRING);
        FreeValues free = new FreeValues(context, positions);
        Optional<Node> defaultNode = declared.node("default");
        Optional<Object> defaultValue = defaultNode.map(node -> free.value(node, declared.childPath("default"), owner));
        List<Object> choices = new ArrayList<>();
        List<Node> choiceNodes = declared.sequence("enum");
        for (int i = 0; i < choiceNodes.size(); i++) {
            Object choice = free.value(choiceNodes.get(i), declared.childPath("enum") + "." + i, owner);
            choices.add(choice);
            if (type.convert(choice).isEmpty()) {
                context.report(
                        choiceNodes.get(i),
                        DiagnosticCode.PARAM_CHOICE_WRONG_TYPE,
                        "enum value " + shown(choice) + " of " + owner + " is not of its type " + type.yamlName()
                                + ": expected " + type.expected(),
                        "write the value as " + type.expected() + ", or change the type");
            }
        }
        String description = declared.string("description", "");
        boolean required = declared.optionalBool("required").orElse(defaultValue.isEmpty());
        ParamDeclaration declaration = new ParamDeclaration(name, type, defaultValue, choices, description, required);
        defaultValue.ifPresent(given -> checkDefault(declaration, given, defaultNode.orElseThrow(), owner));
        return declaration;
    }

    private ParamType type(String typeName, MappingReader declared, String owner) {
        Optional<ParamType> type = ParamType.fromYaml(typeName.strip());
        if (type.isEmpty()) {
            String hint = Suggestions.didYouMean(typeName.strip(), ParamType.yamlNames());
            declared.reportAt(
                    "type",
                    DiagnosticCode.PARAM_UNKNOWN_TYPE,
                    "type '" + typeName + "' of " + owner + " is not a parameter type; types: "
                            + String.join(", ", ParamType.yamlNames()),
                    hint != null ? hint : "use one of " + String.join(", ", ParamType.yamlNames()));
        }
        return type.orElse(ParamType.STRING);
    }

    private void checkDefault(ParamDeclaration declaration, Object given, Node node, String owner) {
        if (given instanceof String text && TemplateAnalyzer.isTemplate(text)) {
            return; // rendered when a run starts, then checked
        }
        ParamType type = declaration.type();
        Optional<Object> converted = type.convert(given);
        if (converted.isEmpty()) {
            context.report(
                    node,
                    DiagnosticCode.PARAM_DEFAULT_WRONG_TYPE,
                    "the default " + shown(given) + " of " + owner + " is not of its type " + type.yamlName()
                            + ": expected " + type.expected(),
                    "write the default as " + type.expected() + ", or a template such as \"{{ yesterday }}\"");
            return;
        }
        List<Object> choices = declaration.typedChoices();
        if (!declaration.choices().isEmpty() && !choices.contains(converted.get())) {
            context.report(
                    node,
                    DiagnosticCode.PARAM_DEFAULT_NOT_A_CHOICE,
                    "the default " + shown(given) + " of " + owner + " is not one of its enum values: "
                            + describe(declaration.choices()),
                    "make the default one of the enum values, or add it to enum");
        }
    }

    static String describe(List<Object> choices) {
        return String.join(", ", choices.stream().map(String::valueOf).toList());
    }

    private static String shown(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
