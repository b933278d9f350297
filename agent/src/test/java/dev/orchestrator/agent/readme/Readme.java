package dev.orchestrator.agent.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's README.md as its examples: its fenced code blocks and the {@code orchestrator} commands it names,
 * each with its line, so that a test can check that every example runs as printed.
 */
public final class Readme {

    /** The README, from the agent module's directory (where Maven runs its tests). */
    public static final Path FILE = Path.of("..", "README.md");
    /** Put on the line before a YAML block that is a list of tasks, not a whole pipeline file. */
    public static final String TASK_FRAGMENT = "<!-- example: tasks of a pipeline -->";

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern INLINE_COMMAND = Pattern.compile("`((?:sudo )?orchestrator [^`]+)`");

    /**
     * A fenced block.
     *
     * @param line     the README line of its first line of content (1-based)
     * @param language what follows the opening fence ({@code yaml}, {@code bash}), empty when nothing does
     * @param fragment whether the line before the fence is {@link #TASK_FRAGMENT}
     */
    public record Block(int line, String language, String text, boolean fragment) {}

    /** A command of the README, as printed, with the README line it is on. */
    public record Command(int line, String text) {}

    private final List<String> lines;

    private Readme(List<String> lines) {
        this.lines = lines;
    }

    public static Readme read() {
        try {
            return new Readme(Files.readAllLines(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    public List<Block> blocks(String language) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            boolean fragment = i > 0 && lines.get(i - 1).strip().equals(TASK_FRAGMENT);
            if (open.group(1).equals(language)) {
                blocks.add(
                        new Block(start + 1, language, String.join("\n", lines.subList(start, end)) + "\n", fragment));
            }
            i = end;
        }
        return blocks;
    }

    /**
     * Every {@code orchestrator …} command: the lines of shell blocks that run it (after {@code sudo}, {@code ./}
     * or as {@code java -jar agent/target/orchestrator.jar}), without their comments, and every inline code span
     * that starts with it.
     */
    public List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        for (String language : List.of("bash", "bat")) {
            for (Block block : blocks(language)) {
                List<String> blockLines = block.text().lines().toList();
                for (int i = 0; i < blockLines.size(); i++) {
                    String line = blockLines.get(i).strip();
                    int lineNumber = block.line() + i;
                    // a command continued on the next lines
                    while (line.endsWith("\\") && i + 1 < blockLines.size()) {
                        line = line.substring(0, line.length() - 1) + " "
                                + blockLines.get(++i).strip();
                    }
                    String command = withoutComment(line)
                            .replaceFirst("^sudo ", "")
                            .replaceFirst("^\\./", "")
                            .replaceFirst("^java -jar agent/target/orchestrator\\.jar ", "orchestrator ")
                            .replaceFirst("\\s+&&.*$", "");
                    if (command.startsWith("orchestrator ")) {
                        commands.add(new Command(lineNumber, command.strip()));
                    }
                }
            }
        }
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                inFence = !inFence;
            }
            if (inFence) {
                continue;
            }
            Matcher inline = INLINE_COMMAND.matcher(lines.get(i));
            while (inline.find()) {
                commands.add(new Command(
                        i + 1, inline.group(1).replaceFirst("^sudo ", "").strip()));
            }
        }
        return commands;
    }

    /** The line without a {@code #} comment outside quotes. */
    private static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).strip();
            }
        }
        return line;
    }
}
