package dev.orchestrator.agent.connector;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.connector.TaskContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Calls one action: binds {@code action_kwargs} to the method's parameters by name, converting each value to
 * the declared type (records, lists, maps, numbers, dates) with Jackson; {@code data} gets the upstream output
 * and a {@link TaskContext} parameter the context. A missing argument is null (empty for {@code Optional});
 * an unknown one, or one that does not convert, is a {@link ConnectorConfigurationException}. Thread-safe.
 */
public final class ActionInvoker {

    public static final String DATA = "data";

    private final ObjectMapper json;

    public ActionInvoker(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @return the action's return value (null for void)
     * @throws Exception whatever the action throws, unwrapped
     */
    public Object invoke(
            ConnectorType type,
            Object instance,
            String action,
            Map<String, Object> arguments,
            Object data,
            TaskContext context)
            throws Exception {
        Method method = type.action(action)
                .orElseThrow(() -> new ConnectorConfigurationException(
                        "connector " + type.name() + " has no action '" + action + "'"));
        Object[] values = bind(type, method, arguments, data, context);
        try {
            return method.invoke(instance, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    private Object[] bind(
            ConnectorType type, Method method, Map<String, Object> arguments, Object data, TaskContext context) {
        Parameter[] parameters = method.getParameters();
        Object[] values = new Object[parameters.length];
        Set<String> bound = new HashSet<>();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            String name = parameter.getName();
            if (parameter.getType() == TaskContext.class) {
                values[i] = context;
            } else if (DATA.equals(name) && !arguments.containsKey(DATA)) {
                values[i] = convert(type, method, parameter, data);
            } else {
                bound.add(name);
                values[i] = convert(type, method, parameter, arguments.get(name));
            }
        }
        Set<String> unknown = new TreeSet<>(arguments.keySet());
        unknown.removeAll(bound);
        unknown.remove(DATA);
        if (!unknown.isEmpty()) {
            List<String> names = java.util.Arrays.stream(parameters)
                    .filter(parameter -> parameter.getType() != TaskContext.class)
                    .map(Parameter::getName)
                    .toList();
            throw new ConnectorConfigurationException("action '" + method.getName() + "' of connector "
                    + type.name() + " has no parameter "
                    + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList()) + "; its parameters: "
                    + String.join(", ", names));
        }
        return values;
    }

    private Object convert(ConnectorType type, Method method, Parameter parameter, Object value) {
        JavaType target = json.constructType(parameter.getParameterizedType());
        if (target.getRawClass() == Optional.class) {
            if (value == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(convertTo(type, method, parameter, value, target.containedType(0)));
        }
        if (value == null) {
            if (parameter.getType().isPrimitive()) {
                throw new ConnectorConfigurationException("action '" + method.getName() + "' of connector "
                        + type.name() + " needs argument '" + parameter.getName() + "' ("
                        + parameter.getType().getSimpleName() + "); add it to action_kwargs");
            }
            return null;
        }
        return convertTo(type, method, parameter, value, target);
    }

    private Object convertTo(ConnectorType type, Method method, Parameter parameter, Object value, JavaType target) {
        if (target.getRawClass().isInstance(value) && !target.isContainerType()) {
            return value;
        }
        try {
            return json.convertValue(value, target);
        } catch (IllegalArgumentException e) {
            throw new ConnectorConfigurationException(
                    "argument '" + parameter.getName() + "' of action '"
                            + method.getName() + "' (connector " + type.name() + ") must be "
                            + target.getRawClass().getSimpleName() + ", got " + describe(value),
                    e);
        }
    }

    /** The type and, for short values, the value: a cut-off long value could be half a secret, unmaskable. */
    private static String describe(Object value) {
        String text = String.valueOf(value);
        return value.getClass().getSimpleName()
                + (text.length() <= 40 ? " '" + text + "'" : " of " + text.length() + " characters");
    }
}
