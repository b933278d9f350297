package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Credentials written literally in a pipeline file, which is read by everyone who reads the repository: a value
 * under a key that names a credential ({@code password}, {@code token}, {@code secret}, {@code api_key}), a URL
 * or DSN with a password in it, or a string with the shape of a well-known key (AWS, GitHub, Slack, Stripe, a
 * private key). A {@code ${VAR}} reference, whose value comes from the environment, and a template are fine.
 * The message names where the value stands, never the value itself.
 */
final class SecretCheck implements PipelineCheck {

    // a whole word of the key: `password`, `db_password`, `access-token`, `client_secret`, `apikey`
    private static final Pattern CREDENTIAL_KEY = Pattern.compile(
            "(^|.*[_-])(password|passwd|pwd|token|secret|api_key|apikey|api-key|private_key)([_-].*)?$");
    // keys that name where a credential is, not the credential
    private static final Pattern POINTER_KEY = Pattern.compile(".*[_-](file|path|env|var|name|header|url)$");
    private static final Pattern PASSWORD_IN_URL =
            Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:[^@\\s/]+@|[?&;](password|pwd)=[^&;\\s]+");
    private static final List<Shape> SHAPES = List.of(
            new Shape("an AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new Shape(
                    "a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})")),
            new Shape("a Slack token", Pattern.compile("\\bxox[bpas]-[A-Za-z0-9-]{10,}")),
            new Shape("a Stripe secret key", Pattern.compile("\\b[sr]k_live_[A-Za-z0-9]{16,}")),
            new Shape("a Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b")),
            new Shape("a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----")));

    private record Shape(String name, Pattern pattern) {}

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        Scan scan = new Scan(pipeline, scope, diagnostics);
        scan.values("params", pipeline.params());
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            String path = SourceMap.item("tasks", i);
            scan.values(path + ".connector_config", task.connectorConfig());
            scan.values(path + ".action_kwargs", task.actionKwargs());
        }
    }

    /** One pipeline's walk over its values. */
    private record Scan(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {

        void values(String path, Object value) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, child) -> values(SourceMap.child(path, String.valueOf(key)), child));
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    values(SourceMap.item(path, i), list.get(i));
                }
            } else if (value instanceof String || value instanceof Number) {
                one(path, String.valueOf(value));
            }
        }

        private void one(String path, String value) {
            if (value.isBlank() || isReference(value)) {
                return;
            }
            String key = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            Optional<String> why = whyCredential(key, value);
            why.ifPresent(what -> diagnostics.report(
                    pipeline.source().valueAt(path),
                    DiagnosticCode.LITERAL_SECRET,
                    "'" + path + "' of pipeline '" + pipeline.id() + "' holds " + what
                            + " written literally in the file: whoever reads the file can use it",
                    "put it in .env (" + variable(key) + "=...) and write ${" + variable(key) + "} here"));
        }

        /** A value from the environment (it is one of the masked secrets) or a reference left as written. */
        private boolean isReference(String value) {
            return value.contains("${") || value.contains("{{") || scope.holdsSecret(value);
        }

        private static Optional<String> whyCredential(String key, String value) {
            for (Shape shape : SHAPES) {
                if (shape.pattern().matcher(value).find()) {
                    return Optional.of(shape.name());
                }
            }
            if (PASSWORD_IN_URL.matcher(value).find()) {
                return Optional.of("a URL with a password in it");
            }
            if (CREDENTIAL_KEY.matcher(key).matches()
                    && !POINTER_KEY.matcher(key).matches()) {
                return Optional.of("a credential");
            }
            return Optional.empty();
        }

        private String variable(String key) {
            String name = (pipeline.id() + "_" + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
            return Character.isDigit(name.charAt(0)) ? "_" + name : name;
        }
    }
}
