package dev.orchestrator.agent.connector.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Copies one output stream of a subprocess on its own thread until the stream ends. After the command exits,
 * {@link #awaitEnd} tells a reader that is still busy with what the command printed (the task log can lag seconds
 * behind on a loaded machine: that text is still the output) from a pipe held open by a background child that
 * inherited it (nothing comes, nothing will: stop reading). A fixed wait cannot tell the two apart.
 */
final class StreamPump {

    private static final long NOT_WAITING = -1;

    private final InputStream from;
    private final OutputStream to;
    private final Thread thread;
    /** When the reader began waiting for bytes that have not come, by {@link System#nanoTime()}; or NOT_WAITING. */
    private volatile long waitingSince = NOT_WAITING;

    private StreamPump(String name, InputStream from, OutputStream to) {
        this.from = from;
        this.to = to;
        this.thread = new Thread(this::copy, name);
        this.thread.setDaemon(true);
    }

    static StreamPump start(String name, InputStream from, OutputStream to) {
        StreamPump pump = new StreamPump(name, from, to);
        pump.thread.start();
        return pump;
    }

    private void copy() {
        byte[] buffer = new byte[8_192];
        try (to) {
            while (true) {
                waitingSince = System.nanoTime();
                int read = from.read(buffer);
                waitingSince = NOT_WAITING;
                if (read < 0) {
                    return;
                }
                to.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // closed by awaitEnd: what came before is in the log and the output already
        } finally {
            waitingSince = NOT_WAITING;
        }
    }

    /**
     * Waits for the stream's end once the command has exited: as long as the reader works through what came, but
     * no longer than {@code idle} of waiting on a pipe that stays silent, nor than {@code limit} in all (a
     * background child that keeps printing must not hold the task for good).
     *
     * @return true when the stream ended by itself; false when it was closed here, so the output may lack its end
     */
    boolean awaitEnd(Duration idle, Duration limit) throws InterruptedException {
        long asked = System.nanoTime();
        long deadline = asked + limit.toNanos();
        while (thread.isAlive()) {
            long waiting = waitingSince;
            long now = System.nanoTime();
            // silence counts from the exit at the earliest: the last bytes may be on their way to a reader that waited
            // long
            boolean silent = waiting != NOT_WAITING && now - Math.max(waiting, asked) >= idle.toNanos();
            if (now - deadline >= 0 || silent) {
                closeQuietly();
                thread.join(1_000);
                return false;
            }
            thread.join(50);
        }
        return true;
    }

    private void closeQuietly() {
        try {
            from.close();
        } catch (IOException e) {
            // closing is all that is asked; a stream that refuses has nothing more to give either
        }
    }
}
