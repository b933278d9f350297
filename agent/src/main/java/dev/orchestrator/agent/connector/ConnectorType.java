package dev.orchestrator.agent.connector;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.connector.ActionDescriptor;
import dev.orchestrator.connector.Connector;
import dev.orchestrator.connector.ConnectorDescriptor;
import dev.orchestrator.connector.ParameterDescriptor;
import dev.orchestrator.connector.TaskContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One connector class, looked at once: how to construct it from a config, and its actions. Immutable and
 * thread-safe; instances it creates are not shared unless the class says it is thread-safe.
 */
public final class ConnectorType {

    private static final Set<String> NOT_ACTIONS = Set.of("ping", "close", "equals", "hashCode", "toString");

    private final String name;
    private final Class<?> type;
    private final boolean threadSafe;
    private final Map<String, Method> actions;
    private final ObjectMapper json;

    private ConnectorType(
            String name, Class<?> type, boolean threadSafe, Map<String, Method> actions, ObjectMapper json) {
        this.name = name;
        this.type = type;
        this.threadSafe = threadSafe;
        this.actions = actions;
        this.json = json;
    }

    /** @throws IllegalArgumentException when the class is not a usable connector, saying why */
    public static ConnectorType of(Class<?> type, ObjectMapper json) {
        Connector annotation = type.getAnnotation(Connector.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated with @Connector");
        }
        Map<String, Method> actions = new LinkedHashMap<>();
        Arrays.stream(type.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getDeclaringClass() != Object.class)
                .filter(method -> !NOT_ACTIONS.contains(method.getName()))
                .sorted(java.util.Comparator.comparing(Method::getName))
                .forEach(method -> {
                    Method previous = actions.putIfAbsent(method.getName(), method);
                    if (previous != null) {
                        throw new IllegalArgumentException("connector " + annotation.value() + " (" + type.getName()
                                + ") has two methods named " + method.getName()
                                + "; actions are called by name, so give each its own");
                    }
                });
        return new ConnectorType(annotation.value(), type, annotation.threadSafe(), Map.copyOf(actions), json);
    }

    public String name() {
        return name;
    }

    public boolean isThreadSafe() {
        return threadSafe;
    }

    public Class<?> javaType() {
        return type;
    }

    public Optional<Method> action(String action) {
        return Optional.ofNullable(actions.get(action));
    }

    /** What the validator, the editor's autocomplete and {@code GET /connectors} show. */
    public ConnectorDescriptor describe(String typeName) {
        List<ActionDescriptor> described = new ArrayList<>();
        actions.values().stream()
                .sorted(java.util.Comparator.comparing(Method::getName))
                .forEach(method -> {
                    List<ParameterDescriptor> parameters = new ArrayList<>();
                    for (Parameter parameter : method.getParameters()) {
                        if (parameter.getType() != TaskContext.class) {
                            parameters.add(new ParameterDescriptor(
                                    parameter.getName(),
                                    parameter.getType().getSimpleName(),
                                    parameter.getType().isPrimitive()));
                        }
                    }
                    described.add(new ActionDescriptor(method.getName(), parameters));
                });
        return new ConnectorDescriptor(typeName, described);
    }

    /**
     * A new instance for {@code config}: through a constructor taking a {@code Map}, one taking a record the
     * config converts to, or none.
     */
    public Object newInstance(Map<String, Object> config) {
        try {
            for (Constructor<?> constructor : type.getConstructors()) {
                if (constructor.getParameterCount() == 1) {
                    Class<?> parameter = constructor.getParameterTypes()[0];
                    Object argument = parameter == Map.class ? config : convertConfig(config, constructor);
                    return constructor.newInstance(argument);
                }
            }
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw new ConnectorConfigurationException(
                        "connector " + name + " refused its connector_config: " + cause.getMessage(), cause);
            }
            // anything else (a database briefly down, a timeout) may well work on the next attempt
            throw new ConnectorCreationException("connector " + name + " could not be created: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new ConnectorConfigurationException(
                    "connector " + name + " (" + type.getName() + ") cannot be "
                            + "created: it needs a public constructor taking nothing, a Map, or a config record",
                    e);
        }
    }

    private Object convertConfig(Map<String, Object> config, Constructor<?> constructor) {
        JavaType target = json.constructType(constructor.getGenericParameterTypes()[0]);
        try {
            return json.convertValue(config, target);
        } catch (IllegalArgumentException e) {
            throw new ConnectorConfigurationException(
                    "connector_config of connector " + name + " does not fit "
                            + target.getRawClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }
}
