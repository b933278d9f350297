package dev.orchestrator.agent.execute;

import dev.orchestrator.connector.Connector;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.connector.TaskContext;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connector for engine tests. It records what happened to its instances in a {@link Journal} named by its
 * config, so parallel test classes never share state.
 */
@Connector("test")
public final class TestConnector implements AutoCloseable {

    /** What the instances of one test saw. */
    public static final class Journal {
        final Set<TestConnector> created = ConcurrentHashMap.newKeySet();
        final Set<TestConnector> closed = ConcurrentHashMap.newKeySet();
        final List<String> overlaps = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final AtomicInteger arrived = new AtomicInteger();
    }

    private static final Map<String, Journal> JOURNALS = new ConcurrentHashMap<>();

    private final Journal journal;
    private final AtomicInteger inUse = new AtomicInteger();

    public TestConnector(Map<String, Object> config) {
        this.journal = journal(String.valueOf(config.getOrDefault("journal", "default")));
        journal.created.add(this);
    }

    public static Journal journal(String name) {
        return JOURNALS.computeIfAbsent(name, key -> new Journal());
    }

    /** Returns its argument: the way to look at rendered templates. */
    public Object echo(Object value) {
        return value;
    }

    /** Returns the upstream output it was handed. */
    public Object identity(Object data) {
        return data;
    }

    public String sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return "slept " + millis;
    }

    /** Sleeps through every interrupt: code that does not stop when asked, so its grace period runs out. */
    public String stubborn(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        boolean interrupted = false;
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return "ignored every stop for " + millis + " ms";
    }

    /** Logs a line, then sleeps: a line the periodic log flush writes while the attempt still runs. */
    public String logThenSleep(String message, long millis, TaskContext context) throws InterruptedException {
        context.log().info(message);
        Thread.sleep(millis);
        return message;
    }

    /** Holds this instance for a while and notes if another task held it at the same moment. */
    /**
     * Uses this instance for {@code millis}, noting a task that found it in use by another; holds it until
     * {@code together} uses of this journal have started, so that many run at the same moment however slowly the
     * machine starts them (gives up waiting after a minute).
     */
    public String useTogether(long millis, int together, TaskContext context) throws InterruptedException {
        if (inUse.incrementAndGet() > 1) {
            journal.overlaps.add(context.taskId());
        }
        try {
            journal.arrived.incrementAndGet();
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (journal.arrived.get() < together && System.nanoTime() < deadline) {
                Thread.sleep(5); // the test connector's own behaviour: waiting for its peers
            }
            Thread.sleep(millis);
            return context.taskId();
        } finally {
            inUse.decrementAndGet();
        }
    }

    public String log(String message, TaskContext context) {
        context.log().info(message);
        return message;
    }

    /** Throws the named kind of exception with {@code message}. */
    public void fail(String kind, String message) throws Exception {
        switch (kind) {
            case "io" -> throw new IOException(message);
            case "file_not_found" -> throw new FileNotFoundException(message);
            case "state" -> throw new IllegalStateException(message);
            case "non_retryable" -> throw new NonRetryableException(message);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    /** Fails with an IOException on the first {@code failures} calls of {@code key}, then returns the count. */
    public int flaky(String key, int failures) throws IOException {
        int call =
                journal.calls.computeIfAbsent(key, name -> new AtomicInteger()).incrementAndGet();
        if (call <= failures) {
            throw new IOException("flaky call " + call + " of " + failures);
        }
        return call;
    }

    /** A big output, to see it spill to a file. */
    public String big(int characters) {
        return "x".repeat(characters);
    }

    @Override
    public void close() {
        journal.closed.add(this);
    }
}
