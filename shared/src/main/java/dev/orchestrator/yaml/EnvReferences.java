package dev.orchestrator.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${VAR}} and {@code ${VAR:-default}} inside one scalar value that YAML has already parsed, so
 * the result is always plain text: it can never add keys, lists or documents. <code>$${</code> stands for a literal
 * <code>${</code>. Thread-safe.
 *
 * <p>Values read from the environment are reported as secrets; defaults are not, since they are written in
 * the file for everyone to read.
 */
public final class EnvReferences {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A reference that could not be resolved. */
    public record Problem(Kind kind, String reference) {
        public enum Kind {
            MISSING,
            MALFORMED
        }
    }

    /** The resolved text, the problems met, and the values that came from the environment. */
    public record Resolution(String text, List<Problem> problems, List<String> secrets) {}

    private final EnvironmentLookup environment;

    public EnvReferences(EnvironmentLookup environment) {
        this.environment = environment;
    }

    public static boolean mayContainReference(String text) {
        return text.indexOf('$') >= 0 && text.contains("${");
    }

    public Resolution resolve(String text) {
        if (!mayContainReference(text)) {
            return new Resolution(text, List.of(), List.of());
        }
        StringBuilder out = new StringBuilder(text.length());
        List<Problem> problems = new ArrayList<>(1);
        List<String> secrets = new ArrayList<>(1);
        int index = 0;
        while (index < text.length()) {
            int start = text.indexOf("${", index);
            if (start < 0) {
                out.append(text, index, text.length());
                break;
            }
            if (start > 0 && text.charAt(start - 1) == '$') {
                // "$${" is an escaped "${": keep one "$" and the brace
                out.append(text, index, start - 1).append("${");
                index = start + 2;
                continue;
            }
            out.append(text, index, start);
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                problems.add(new Problem(Problem.Kind.MALFORMED, text.substring(start)));
                out.append(text, start, text.length());
                break;
            }
            String body = text.substring(start + 2, end);
            resolveOne(body, out::append, problems::add, secrets::add);
            index = end + 1;
        }
        return new Resolution(out.toString(), problems, secrets);
    }

    private void resolveOne(String body, Consumer<String> out, Consumer<Problem> problems, Consumer<String> secrets) {
        int separator = body.indexOf(":-");
        String name =
                separator < 0 ? body.strip() : body.substring(0, separator).strip();
        String reference = "${" + body + "}";
        if (!NAME.matcher(name).matches()) {
            problems.accept(new Problem(Problem.Kind.MALFORMED, reference));
            out.accept(reference);
            return;
        }
        Optional<String> value = environment.get(name);
        if (value.isPresent()) {
            if (!value.get().equals("${" + name + "}")) { // the editor's stand-in value, no secret to hide
                secrets.accept(value.get());
            }
            out.accept(value.get());
        } else if (separator >= 0) {
            out.accept(body.substring(separator + 2));
        } else {
            problems.accept(new Problem(Problem.Kind.MISSING, name));
            out.accept(reference); // left as written: the file has an error and never runs, and no check trips on ""
        }
    }
}
