package dev.orchestrator.agent.connector.builtin;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell would for plain words and quotes ('single',
 * "double" with backslash escapes, backslash outside quotes), without running a shell: no variables, globs,
 * pipes or redirections, so nothing in a value can start another program. Small enough that a dependency for
 * it would cost more than it saves.
 */
final class CommandLineSplitter {

    private CommandLineSplitter() {}

    static List<String> split(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\'
                        && i + 1 < commandLine.length()
                        && "\"\\$`".indexOf(commandLine.charAt(i + 1)) >= 0) {
                    word.append(commandLine.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < commandLine.length()) {
                    word.append(commandLine.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("command has an unclosed " + quote + " quote: " + commandLine);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
