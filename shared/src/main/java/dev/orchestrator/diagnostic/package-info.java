/**
 * A problem found in pipeline files, as one record that flows from the loader and the validator to the command
 * line, the API and the editor: {@code Diagnostic} (file:line:col, severity, code, message, hint),
 * {@code DiagnosticCode} (every check's stable code), {@code Diagnostics} (one pass's collector), {@code Severity}
 * and {@code Suggestions} ("did you mean"). It knows positions ({@code model}) and masking ({@code secret}), and
 * neither the loader ({@code yaml}) nor the validator ({@code validation}), which both report through it.
 */
package dev.orchestrator.diagnostic;
