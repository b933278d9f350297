package dev.orchestrator.agent.event;

import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's recent history as a numbered sequence of events, for the event stream: run and task state
 * changes and log lines, kept in a bounded buffer so a client that reconnects with the last id it saw gets
 * everything it missed, as long as it is still buffered. Publishing never blocks on a slow client: each
 * reader keeps its own position and reads at its own pace.
 */
public final class EventBus implements RunObserver, AutoCloseable {

    /** What a reader gets: the events after its position, and whether some it should have had are gone. */
    public record Batch(List<AgentEvent> events, boolean missedSome, boolean closed) {}

    private final int capacity;
    private final ZoneId zone;
    private final ArrayDeque<AgentEvent> buffer;
    private final Map<String, String> pipelineOfRun = new ConcurrentHashMap<>();
    private long lastId;
    private boolean closed;

    /** @param capacity how many events are kept for readers that fall behind or reconnect */
    public EventBus(int capacity, Clock clock, ZoneId zone) {
        this.capacity = capacity;
        this.zone = zone;
        this.buffer = new ArrayDeque<>(Math.min(capacity, 4096));
        // ids start from the clock, in microseconds: a client holding an id from before a restart sees every
        // new event as newer, not as already seen
        this.lastId = clock.millis() * 1000;
    }

    /** The id of the newest event; a new reader starts here to get only what comes next. */
    public synchronized long lastId() {
        return lastId;
    }

    /**
     * The buffered events after {@code afterId}; when there are none yet, waits up to {@code wait} for some.
     */
    public synchronized Batch after(long afterId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!closed && lastId <= afterId) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Batch(List.of(), false, false);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        List<AgentEvent> events = new ArrayList<>();
        for (AgentEvent event : buffer) {
            if (event.id() > afterId) {
                events.add(event);
            }
        }
        // the oldest buffered event is not the next one after the reader's: those between were dropped
        boolean missedSome = !buffer.isEmpty() && afterId < buffer.peekFirst().id() - 1;
        return new Batch(events, missedSome, closed);
    }

    @Override
    public void runChanged(String runId, String pipelineId, RunState state) {
        if (state.isTerminal()) {
            pipelineOfRun.remove(runId);
        } else {
            pipelineOfRun.put(runId, pipelineId);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", runId);
        data.put("pipeline_id", pipelineId);
        data.put("status", state.yamlName());
        publish("run", runId, pipelineId, data);
    }

    @Override
    public void taskChanged(String runId, String taskId, TaskState state, int attempt) {
        String pipelineId = pipelineOfRun.get(runId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", runId);
        data.put("pipeline_id", pipelineId);
        data.put("task_id", taskId);
        data.put("status", state.yamlName());
        data.put("attempt", attempt);
        publish("task", runId, pipelineId, data);
    }

    @Override
    public void logged(List<LogLine> lines) {
        for (LogLine line : lines) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("run_id", line.runId());
            data.put("task_id", line.taskId());
            data.put("attempt", line.attempt());
            data.put("level", line.level());
            data.put("time", line.loggedAt().atZone(zone).toOffsetDateTime().toString());
            data.put("message", line.message());
            publish("log", line.runId(), pipelineOfRun.get(line.runId()), data);
        }
    }

    private synchronized void publish(String type, String runId, String pipelineId, Map<String, Object> data) {
        lastId++;
        buffer.addLast(new AgentEvent(lastId, type, runId, pipelineId, data));
        if (buffer.size() > capacity) {
            buffer.removeFirst();
        }
        notifyAll();
    }

    /** Wakes every reader, to end its stream: the agent is stopping. */
    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
