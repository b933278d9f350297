package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Position;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What binding one file needs everywhere: its name for positions, the diagnostics of the pass, the
 * {@code ${VAR}} resolver and the secrets it found. One instance per file; not thread-safe.
 */
final class BindContext {

    private final String file;
    private final Diagnostics diagnostics;
    private final EnvReferences env;
    private final List<String> secrets;

    BindContext(String file, Diagnostics diagnostics, EnvReferences env, List<String> secrets) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.env = env;
        this.secrets = secrets;
    }

    String file() {
        return file;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    Position at(Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? Position.startOf(file) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void report(Node node, DiagnosticCode code, String message, String hint) {
        diagnostics.report(at(node), code, message, hint);
    }

    /** The scalar's text with its {@code ${VAR}} references resolved; problems are reported at the scalar. */
    String text(ScalarNode node) {
        return resolve(node).text();
    }

    /**
     * Like {@link #text}, but empty when a reference could not be resolved: the value is already reported, and
     * checking the unresolved text as a time zone or a number would only report the same mistake twice.
     */
    java.util.Optional<String> usableText(ScalarNode node) {
        EnvReferences.Resolution resolution = resolve(node);
        return resolution.problems().isEmpty() ? java.util.Optional.of(resolution.text()) : java.util.Optional.empty();
    }

    private EnvReferences.Resolution resolve(ScalarNode node) {
        String raw = node.getValue();
        if (!EnvReferences.mayContainReference(raw)) {
            return new EnvReferences.Resolution(raw, List.of(), List.of());
        }
        EnvReferences.Resolution resolution = env.resolve(raw);
        secrets.addAll(resolution.secrets());
        for (EnvReferences.Problem problem : resolution.problems()) {
            if (problem.kind() == EnvReferences.Problem.Kind.MISSING) {
                report(
                        node,
                        DiagnosticCode.MISSING_ENV_VAR,
                        "environment variable '" + problem.reference() + "' is not set",
                        "set it in the environment or in the .env file beside the config directory, "
                                + "or give a default: ${" + problem.reference() + ":-value}");
            } else {
                report(
                        node,
                        DiagnosticCode.MALFORMED_ENV_REFERENCE,
                        "malformed reference '" + problem.reference() + "'",
                        "write ${NAME} or ${NAME:-default}; NAME is letters, digits and _; write $${ for a literal ${");
            }
        }
        return resolution;
    }
}
