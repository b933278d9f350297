package dev.orchestrator.agent.api;

import dev.orchestrator.api.ErrorDto;
import dev.orchestrator.diagnostic.Diagnostic;
import java.util.List;

/** A request the API refuses, with its HTTP status, a stable error code and a message that says what to do. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient List<Diagnostic> diagnostics;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(int status, String code, String message, List<Diagnostic> diagnostics) {
        super(message);
        this.status = status;
        this.code = code;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The answer's body: an {@link ErrorDto}, or a record with its fields and more. */
    Object toDto() {
        return new ErrorDto(code, getMessage(), diagnostics);
    }
}
