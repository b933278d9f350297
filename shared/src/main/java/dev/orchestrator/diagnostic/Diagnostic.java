package dev.orchestrator.diagnostic;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.orchestrator.model.Position;
import dev.orchestrator.secret.SecretMasker;
import java.util.Comparator;

/**
 * One problem found in pipeline files. The same record flows from the validator to the CLI, the API and the
 * editor. Lines and columns are 1-based; {@code hint} may be null.
 */
@JsonPropertyOrder({"file", "line", "column", "severity", "code", "message", "hint"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Diagnostic(
        String file, int line, int column, Severity severity, String code, String message, String hint) {

    /** File, then line, then column: the order a reader walks a file in. */
    public static final Comparator<Diagnostic> IN_FILE_ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::code);

    public static Diagnostic of(Position at, DiagnosticCode code, String message, String hint) {
        return new Diagnostic(at.file(), at.line(), at.column(), code.severity(), code.code(), message, hint);
    }

    /** This diagnostic with every secret in its message and hint replaced by {@code ***}. */
    public Diagnostic masked(SecretMasker secrets) {
        String maskedMessage = secrets.mask(message);
        String maskedHint = secrets.mask(hint);
        if (maskedMessage.equals(message) && java.util.Objects.equals(maskedHint, hint)) {
            return this;
        }
        return new Diagnostic(file, line, column, severity, code, maskedMessage, maskedHint);
    }

    @JsonIgnore
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col  severity  CODE  message}, the line format of {@code orchestrator validate}. */
    public String toLine() {
        return file + ":" + line + ":" + column + "  " + severity.label() + "  " + code + "  " + message;
    }
}
