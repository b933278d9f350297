package dev.orchestrator.api;

import dev.orchestrator.diagnostic.Diagnostic;
import java.util.List;

/** Every error the API returns: a stable code, a message that says what to do, and diagnostics if any. */
public record ErrorDto(String error, String message, List<Diagnostic> diagnostics) {}
