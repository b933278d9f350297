package dev.orchestrator.desktop.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.desktop.client.LogLine;
import java.time.OffsetDateTime;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The log lines a run detail holds: those read with the run, then those the event stream brings, at most {@value
 * #MAX_LINES}. A run followed for hours that writes all the time would otherwise grow the console without end; past
 * the bound the oldest tenth gives way at once (one change, not one per line), and the Logs screen and the agent keep
 * every line. Used on the UI thread.
 */
final class LiveLog {

    static final int MAX_LINES = 20_000;

    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private long lastId;

    ObservableList<LogLine> lines() {
        return lines;
    }

    /** The id of the newest line read from the agent (lines from the event stream carry none). */
    long lastId() {
        return lastId;
    }

    /** Lines read from the agent, those after the last one read. */
    void append(List<LogLine> read) {
        List<LogLine> fresh = read.stream().filter(line -> line.id() > lastId).toList();
        for (LogLine line : fresh) {
            lastId = Math.max(lastId, line.id());
        }
        lines.addAll(fresh);
        trim();
    }

    /** A line of the event stream. */
    void add(JsonNode event) {
        lines.add(new LogLine(
                0,
                event.path("task_id").asText(),
                event.path("attempt").asInt(),
                event.path("level").asText(),
                OffsetDateTime.parse(event.path("time").asText()),
                event.path("message").asText()));
        trim();
    }

    private void trim() {
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES + MAX_LINES / 10);
        }
    }
}
