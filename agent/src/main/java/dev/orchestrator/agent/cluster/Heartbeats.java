package dev.orchestrator.agent.cluster;

import java.time.Duration;

/**
 * How an agent of a cluster shows it is alive (SPEC 11).
 *
 * @param interval  how often the agent writes its heartbeat row
 * @param deadAfter an agent whose last heartbeat is older than this is dead: the others mark its unfinished
 *                  runs crashed and take over the fires it held
 */
public record Heartbeats(Duration interval, Duration deadAfter) {

    public static final Heartbeats DEFAULT = new Heartbeats(Duration.ofSeconds(2), Duration.ofSeconds(15));

    public Heartbeats {
        if (deadAfter.compareTo(interval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("an agent is declared dead after " + deadAfter.toMillis()
                    + " ms of silence, less than three heartbeats of " + interval.toMillis() + " ms: a busy "
                    + "agent would be declared dead; make it at least three heartbeats");
        }
    }
}
