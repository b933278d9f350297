package dev.orchestrator.yaml;

import static dev.orchestrator.yaml.TextSizes.describeSize;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Position;
import java.io.StringReader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns one file's text into SnakeYAML's node graph within the loader's limits (line length, aliases, nesting,
 * expanded size), reporting every syntax error and limit as a diagnostic instead of throwing. Stateless.
 */
final class YamlComposer {

    private YamlComposer() {}

    /** The text's root node; empty for an empty document, or when a problem was reported. */
    static Optional<Node> compose(String name, String text, Diagnostics diagnostics) {
        if (!linesShortEnough(name, text, diagnostics)) {
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported with both positions by MappingReader instead
        options.setMaxAliasesForCollections(100);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(64);
        // checked before; a code point is at least one byte
        options.setCodePointLimit(PipelineLoader.MAX_FILE_BYTES + 1);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root != null && !new NodeBudget(name).check(root, diagnostics)) {
                return Optional.empty();
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            Position at = syntaxErrorPosition(name, text, e);
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            diagnostics.report(
                    at,
                    DiagnosticCode.YAML_SYNTAX,
                    "YAML syntax: " + e.getProblem() + context,
                    "check the indentation and quoting around this line; values with ': ' or '#' need quotes");
        } catch (RuntimeException e) {
            // SnakeYAML's unmarked errors: alias and nesting limits, multiple documents, bad encoding
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("Number of aliases")) {
                diagnostics.report(
                        Position.startOf(name),
                        DiagnosticCode.ALIAS_EXPANSION,
                        "the file has more than " + options.getMaxAliasesForCollections()
                                + " aliases (*name) of lists and mappings",
                        "aliases repeat the anchored value in full each time: use fewer, or write the values out");
            } else {
                diagnostics.report(
                        Position.startOf(name),
                        DiagnosticCode.YAML_SYNTAX,
                        "YAML syntax: " + message,
                        "a pipeline file is one YAML document of at most " + describeSize(PipelineLoader.MAX_FILE_BYTES)
                                + ", nested at most " + options.getNestingDepthLimit() + " levels deep");
            }
        }
        return Optional.empty();
    }

    /**
     * The first line longer than {@link PipelineLoader#MAX_LINE_CHARS}, reported before the scanner spends
     * minutes on it.
     */
    private static boolean linesShortEnough(String name, String text, Diagnostics diagnostics) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean lineBreak = i == text.length()
                    || text.charAt(i) == '\n'
                    || (text.charAt(i) == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (i - start > PipelineLoader.MAX_LINE_CHARS) {
                    diagnostics.report(
                            new Position(name, line, 1),
                            DiagnosticCode.VALUE_TOO_LONG,
                            "line " + line
                                    + " is " + describeSize(i - start) + " long; a line is at most "
                                    + describeSize(PipelineLoader.MAX_LINE_CHARS) + ", and the file was not parsed",
                            "write long text over several lines as a block scalar ('key: |' and indented lines), "
                                    + "or keep large data in a file that a task reads");
                    return false;
                }
                line++;
                start = i + 1;
            }
        }
        return true;
    }

    /**
     * Where a reader should look: for a quote or a bracket never closed, where it opened (the parser only
     * notices at the end of the file or at the next key); otherwise where parsing failed, within the file.
     */
    private static Position syntaxErrorPosition(String name, String text, MarkedYAMLException e) {
        String context = e.getContext() == null ? "" : e.getContext();
        boolean unclosed = context.contains("quoted scalar")
                || context.contains("flow sequence")
                || context.contains("flow mapping");
        Mark mark = unclosed && e.getContextMark() != null
                ? e.getContextMark()
                : e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        if (mark == null) {
            return Position.startOf(name);
        }
        int lastLine = Math.max(1, (int) text.lines().count());
        int line = Math.min(mark.getLine() + 1, lastLine);
        return new Position(name, line, line == mark.getLine() + 1 ? mark.getColumn() + 1 : 1);
    }
}
