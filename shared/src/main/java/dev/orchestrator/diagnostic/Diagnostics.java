package dev.orchestrator.diagnostic;

import dev.orchestrator.model.Position;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one pass. Not thread-safe: one instance per loading or validating call. */
public final class Diagnostics {

    private final List<Diagnostic> found = new ArrayList<>();

    public void report(Position at, DiagnosticCode code, String message) {
        report(at, code, message, null);
    }

    public void report(Position at, DiagnosticCode code, String message, String hint) {
        found.add(Diagnostic.of(at, code, message, hint));
    }

    public void add(Diagnostic diagnostic) {
        found.add(diagnostic);
    }

    public List<Diagnostic> toList() {
        return List.copyOf(found);
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Diagnostic::isError);
    }
}
