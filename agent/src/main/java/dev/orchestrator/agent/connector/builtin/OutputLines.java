package dev.orchestrator.agent.connector.builtin;

import dev.orchestrator.connector.TaskLogger;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One output stream of a subprocess, cut into lines as its bytes arrive: each line goes to the task log at once,
 * named by its stream ({@code stdout: ...}), at the level the line states ({@code ERROR ...}, {@code [WARN] ...},
 * {@code level=error}) and at INFO when it states none; the last lines are kept for the error of a failure. A line
 * longer than the log should hold is cut. Thread-safe.
 */
final class OutputLines extends OutputStream {

    private static final int MAX_LINE_BYTES = 8_192;
    private static final Pattern LEADING_LEVEL = Pattern.compile(
            "^\\s*[\\[(<]?(ERROR|ERR|FATAL|CRITICAL|SEVERE|WARN|WARNING|INFO|NOTICE|DEBUG|TRACE)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STATED_LEVEL = Pattern.compile(
            "\\b\"?level\"?\\s*[=:]\\s*\"?(ERROR|ERR|FATAL|CRITICAL|WARN|WARNING|INFO|DEBUG|TRACE)\\b",
            Pattern.CASE_INSENSITIVE);

    private final String stream;
    private final TaskLogger log;
    private final int keep;
    private final Deque<String> last = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long cutBytes;

    OutputLines(String stream, TaskLogger log, int keep) {
        this.stream = stream;
        this.log = log;
        this.keep = keep;
    }

    @Override
    public synchronized void write(int value) {
        if (value == '\n') {
            endLine();
        } else if (line.size() < MAX_LINE_BYTES) {
            line.write(value);
        } else {
            cutBytes++;
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int index = offset; index < offset + length; index++) {
            if (bytes[index] == '\n') {
                append(bytes, start, index - start);
                endLine();
                start = index + 1;
            }
        }
        append(bytes, start, offset + length - start);
    }

    private void append(byte[] bytes, int offset, int length) {
        int fits = Math.max(0, Math.min(length, MAX_LINE_BYTES - line.size()));
        line.write(bytes, offset, fits);
        cutBytes += length - fits;
    }

    /** The stream ended: a last line without a newline is a line too. */
    @Override
    public synchronized void close() {
        if (line.size() > 0 || cutBytes > 0) {
            endLine();
        }
    }

    /** The last lines, oldest first. */
    synchronized List<String> lastLines() {
        return List.copyOf(last);
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (cutBytes > 0) {
            text += " ... (" + cutBytes + " more bytes)";
        }
        line.reset();
        cutBytes = 0;
        last.addLast(text);
        if (last.size() > keep) {
            last.removeFirst();
        }
        String message = stream + ": " + text;
        switch (levelOf(text)) {
            case "ERROR" -> log.error(message);
            case "WARN" -> log.warn(message);
            default -> log.info(message);
        }
    }

    /** ERROR, WARN or INFO: what the line says, INFO when it says nothing (the log has no lower level). */
    static String levelOf(String text) {
        Matcher leading = LEADING_LEVEL.matcher(text);
        Matcher stated = STATED_LEVEL.matcher(text);
        String level = leading.find() ? leading.group(1) : stated.find() ? stated.group(1) : "INFO";
        return switch (level.toUpperCase(java.util.Locale.ROOT)) {
            case "ERROR", "ERR", "FATAL", "CRITICAL", "SEVERE" -> "ERROR";
            case "WARN", "WARNING" -> "WARN";
            default -> "INFO";
        };
    }
}
