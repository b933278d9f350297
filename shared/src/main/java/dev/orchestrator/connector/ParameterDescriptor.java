package dev.orchestrator.connector;

/**
 * One parameter of an action.
 *
 * @param type     the Java type's simple name, for display
 * @param required false when the parameter has a default or may be null
 */
public record ParameterDescriptor(String name, String type, boolean required) {}
