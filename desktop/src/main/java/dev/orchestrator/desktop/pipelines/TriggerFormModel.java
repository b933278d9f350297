package dev.orchestrator.desktop.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.api.ParamDeclarationDto;
import dev.orchestrator.model.ParamType;
import dev.orchestrator.template.TemplateAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The trigger form of one pipeline, built from its parameters: a field per parameter, prefilled with its default
 * (a template as text, such as {@code {{ yesterday }}}, sent as it is for the agent to render), checked as it is
 * typed against its type and choices, the same way the agent checks it; {@link #validProperty()} is false while
 * a field holds a value the agent would refuse. Parameters without a type, and any other {@code name=value} lines
 * ({@link #extraProperty()}) are sent as the plain trigger dialog sent them. Not thread-safe: the UI thread's.
 */
public final class TriggerFormModel {

    /** The control a field asks for. */
    public enum Kind {
        TEXT,
        INTEGER,
        NUMBER,
        BOOLEAN,
        DATE,
        DATETIME,
        CHOICE
    }

    /** One parameter's field; {@link #text} is what is entered ({@code true} or {@code false} for a check box). */
    public static final class Field {
        private final ParamDeclarationDto parameter;
        private final Optional<ParamType> type;
        private final StringProperty text = new SimpleStringProperty("");
        private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

        Field(ParamDeclarationDto parameter) {
            this.parameter = parameter;
            this.type = Optional.ofNullable(parameter.type()).flatMap(ParamType::fromYaml);
            text.addListener((observable, before, now) -> problem.set(check(now)));
            text.set(shown(parameter.defaultValue(), kind()));
            problem.set(check(text.get()));
        }

        public String name() {
            return parameter.name();
        }

        public String description() {
            return parameter.description();
        }

        public boolean required() {
            return parameter.required();
        }

        public Kind kind() {
            if (type.isEmpty()) {
                return Kind.TEXT;
            }
            if (!parameter.choices().isEmpty()) {
                return Kind.CHOICE;
            }
            return switch (type.get()) {
                case STRING -> Kind.TEXT;
                case INTEGER -> Kind.INTEGER;
                case NUMBER -> Kind.NUMBER;
                case BOOLEAN -> Kind.BOOLEAN;
                case DATE -> Kind.DATE;
                case DATETIME -> Kind.DATETIME;
            };
        }

        /** The choices of a {@link Kind#CHOICE} field, as text. */
        public List<String> choices() {
            return parameter.choices().stream().map(String::valueOf).toList();
        }

        /** The declared type, for the field's label; empty for a plain parameter. */
        public Optional<String> typeName() {
            return type.map(ParamType::yamlName);
        }

        public StringProperty textProperty() {
            return text;
        }

        /** Why the entered value would be refused; empty when it would not. */
        public ReadOnlyStringProperty problemProperty() {
            return problem.getReadOnlyProperty();
        }

        private String check(String entered) {
            String value = entered == null ? "" : entered.strip();
            if (value.isEmpty()) {
                return parameter.required() ? name() + " is required" : "";
            }
            if (type.isEmpty() || TemplateAnalyzer.isTemplate(value)) {
                return ""; // a plain parameter takes anything; a template is the agent's to render and check
            }
            Optional<Object> converted = type.get().convert(value);
            if (converted.isEmpty()) {
                return "expected " + type.get().expected();
            }
            List<Object> choices = parameter.choices().stream()
                    .flatMap(choice -> type.get().convert(choice).stream())
                    .toList();
            if (!parameter.choices().isEmpty() && !choices.contains(converted.get())) {
                return "expected one of " + String.join(", ", choices());
            }
            return "";
        }

        /** The value to send: the typed value, a template or a plain value as text; empty to leave the default. */
        Optional<Object> value() {
            String value = text.get() == null ? "" : text.get().strip();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            if (type.isEmpty()) {
                return Optional.of(PipelinesModel.parseParams("v=" + value).get("v"));
            }
            if (TemplateAnalyzer.isTemplate(value)) {
                return Optional.of(value);
            }
            return type.get().convert(value);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Field> fields = new ArrayList<>();
    private final StringProperty extra = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper extraProblem = new ReadOnlyStringWrapper("");
    private final BooleanBinding valid;

    public TriggerFormModel(List<ParamDeclarationDto> parameters) {
        parameters.forEach(parameter -> fields.add(new Field(parameter)));
        extra.addListener((observable, before, now) -> extraProblem.set(checkExtra(now)));
        List<javafx.beans.Observable> dependencies = new ArrayList<>();
        fields.forEach(field -> dependencies.add(field.problemProperty()));
        dependencies.add(extraProblem);
        valid = Bindings.createBooleanBinding(
                () -> extraProblem.get().isEmpty()
                        && fields.stream()
                                .allMatch(field -> field.problemProperty().get().isEmpty()),
                dependencies.toArray(javafx.beans.Observable[]::new));
    }

    public List<Field> fields() {
        return List.copyOf(fields);
    }

    /** Whether the pipeline declares typed parameters: then it refuses names it does not know. */
    public boolean typed() {
        return fields.stream().anyMatch(field -> field.typeName().isPresent());
    }

    /** More parameters, {@code name=value} per line, for a pipeline whose parameters are not typed. */
    public StringProperty extraProperty() {
        return extra;
    }

    public ReadOnlyStringProperty extraProblemProperty() {
        return extraProblem.getReadOnlyProperty();
    }

    /** True while every field holds a value the agent takes: Run is enabled. */
    public BooleanBinding validProperty() {
        return valid;
    }

    /** The parameters to send, in form order, then the extra lines. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach(field -> field.value().ifPresent(value -> values.put(field.name(), value)));
        values.putAll(PipelinesModel.parseParams(extra.get()));
        return values;
    }

    private static String checkExtra(String text) {
        try {
            PipelinesModel.parseParams(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String shown(Object defaultValue, Kind kind) {
        if (defaultValue == null) {
            return kind == Kind.BOOLEAN ? "false" : "";
        }
        if (defaultValue instanceof String text) {
            return text;
        }
        if (defaultValue instanceof Map || defaultValue instanceof List) {
            try {
                return JSON.writeValueAsString(defaultValue);
            } catch (JsonProcessingException e) {
                return String.valueOf(defaultValue);
            }
        }
        return String.valueOf(defaultValue);
    }
}
