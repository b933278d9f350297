package dev.orchestrator.desktop.editor;

import dev.orchestrator.connector.ActionDescriptor;
import dev.orchestrator.connector.ConnectorDescriptor;
import dev.orchestrator.template.TemplateVariables;
import dev.orchestrator.yaml.FormatKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the editor offers at the cursor: keys of the format where a key is typed, connector types after
 * {@code connector:}, that connector's actions after {@code action:}, the file's task ids in
 * {@code depends_on} and {@code pass_output_from}, template variables inside {@code {{ }}}.
 */
public final class Completions {

    /** Where the current completions come from: they change when a file of another agent is opened. */
    @FunctionalInterface
    public interface Source {
        Completions get();
    }

    /**
     * The suggestions, and the columns of the line they replace: from the start of the word typed to the end
     * of the word under the cursor, so that completing {@code dep|ends} or {@code dep|: [a]} leaves no piece of
     * the old word or a second colon behind.
     */
    public record Offer(int from, int to, List<String> words) {

        Offer(int at, List<String> words) {
            this(at, at, words);
        }
    }

    private static final Pattern KEY_START = Pattern.compile("^\\s*(- )?\\s*([a-z_]*)$");
    // what follows the cursor on a key's line: the rest of the key's word, and whether its colon is there already
    private static final Pattern KEY_REST = Pattern.compile("^([a-z_]*)(\\s*:)?");
    private static final Pattern VALUE_OF =
            Pattern.compile("^\\s*(- )?\\s*([a-z_]+):\\s*\\[?([^\\]]*,\\s*)?([A-Za-z0-9_]*)$");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([a-z_.]*)$");
    private static final Pattern TASK_ID =
            Pattern.compile("^\\s*-\\s*(?:\\{\\s*)?id:\\s*([A-Za-z0-9_]+)", Pattern.MULTILINE);
    private static final Pattern CONNECTOR = Pattern.compile("connector:\\s*([A-Za-z0-9_]+)");

    private final List<ConnectorDescriptor> connectors;

    public Completions(List<ConnectorDescriptor> connectors) {
        this.connectors = List.copyOf(connectors);
    }

    /**
     * @param text   the whole text
     * @param line   0-based line of the cursor
     * @param column 0-based column of the cursor
     */
    public Offer at(String text, int line, int column) {
        String[] lines = text.split("\n", -1);
        if (line >= lines.length) {
            return new Offer(column, List.of());
        }
        String before = lines[line].substring(0, Math.min(column, lines[line].length()));
        Matcher template = TEMPLATE.matcher(before);
        if (template.find()) {
            List<String> variables = new ArrayList<>(TemplateVariables.NAMES);
            variables.add(TemplateVariables.PARAMS + ".");
            variables.add(TemplateVariables.OUTPUTS + ".");
            variables.addAll(TemplateVariables.FOR_EACH_NAMES);
            return offer(before.length() - template.group(1).length(), template.group(1), variables);
        }
        Matcher value = VALUE_OF.matcher(before);
        if (value.matches()) {
            String key = value.group(2);
            String typed = value.group(4);
            int from = before.length() - typed.length();
            return switch (key) {
                case "connector" ->
                    offer(
                            from,
                            typed,
                            connectors.stream().map(ConnectorDescriptor::type).toList());
                case "action" -> offer(from, typed, actionsOfTaskAbove(lines, line));
                case "depends_on", "pass_output_from", "from" -> offer(from, typed, taskIds(text));
                case "type" -> offer(from, typed, List.of("cron", "interval", "manual", "event"));
                case "trigger_rule" ->
                    offer(from, typed, List.of("all_success", "all_done", "one_failed", "none_failed"));
                case "misfire" -> offer(from, typed, List.of("run_once", "skip", "run_all"));
                default -> new Offer(column, List.of());
            };
        }
        Matcher key = KEY_START.matcher(before);
        if (key.matches()) {
            Matcher rest = KEY_REST.matcher(lines[line].substring(before.length()));
            boolean found = rest.lookingAt(); // it always matches, the empty tail at least
            String tail = found ? rest.group(1) : "";
            // a key whose colon is written already is completed as a bare word: `depends_on: : [a]` is no key
            String suffix = found && rest.group(2) != null ? "" : ": ";
            TreeSet<String> keys = new TreeSet<>();
            for (var set : List.of(
                    FormatKeys.FILE,
                    FormatKeys.PIPELINE,
                    FormatKeys.TASK,
                    FormatKeys.SCHEDULE,
                    FormatKeys.RETRY,
                    FormatKeys.NOTIFY,
                    FormatKeys.WAIT_FOR,
                    FormatKeys.SENSOR,
                    FormatKeys.LOG_BUDGET,
                    FormatKeys.FOR_EACH,
                    FormatKeys.CACHE,
                    FormatKeys.ROLLBACK,
                    FormatKeys.RESOURCES)) {
                set.forEach(name -> keys.add(name + suffix));
            }
            String typed = key.group(2);
            Offer offer = offer(before.length() - typed.length(), typed, List.copyOf(keys));
            return new Offer(offer.from(), before.length() + tail.length(), offer.words());
        }
        return new Offer(column, List.of());
    }

    private static Offer offer(int from, String typed, List<String> candidates) {
        String prefix = typed.toLowerCase(Locale.ROOT);
        return new Offer(
                from,
                from + typed.length(),
                candidates.stream()
                        .filter(word -> word.toLowerCase(Locale.ROOT).startsWith(prefix) && !word.equals(typed))
                        .distinct()
                        .toList());
    }

    private List<String> actionsOfTaskAbove(String[] lines, int line) {
        for (int i = line; i >= 0 && i > line - 30; i--) {
            Matcher connector = CONNECTOR.matcher(lines[i]);
            if (connector.find()) {
                String type = connector.group(1);
                return connectors.stream()
                        .filter(descriptor -> descriptor.type().equals(type))
                        .findFirst()
                        .map(descriptor -> descriptor.actions().stream()
                                .map(ActionDescriptor::name)
                                .toList())
                        .orElse(List.of());
            }
            if (i < line && lines[i].trim().startsWith("- ") && lines[i].contains("id:")) {
                break; // the task's start: no connector above it belongs to it
            }
        }
        return List.of();
    }

    static List<String> taskIds(String text) {
        List<String> ids = new ArrayList<>();
        Matcher id = TASK_ID.matcher(text);
        while (id.find()) {
            ids.add(id.group(1));
        }
        return ids;
    }

    /** The connector types, for the editor's highlighting of known words. */
    public Optional<ConnectorDescriptor> connector(String type) {
        return connectors.stream()
                .filter(descriptor -> descriptor.type().equals(type))
                .findFirst();
    }
}
