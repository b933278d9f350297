package dev.orchestrator.api;

import dev.orchestrator.diagnostic.Diagnostic;
import java.util.List;

/**
 * A trigger refused for one of its parameters (400, {@code error} {@code invalid_param}): the parameter's name
 * and what it takes ({@code one of eu, us}, {@code a whole number, such as 3}), beside the message.
 */
public record ParamErrorDto(
        String error, String message, List<Diagnostic> diagnostics, String param, String expected) {}
