package dev.orchestrator.agent.process;

import java.time.Duration;

/**
 * Waiting on a condition with a ceiling, for the tests that start agents as processes. The ceilings are what a loaded
 * machine needs, not what an idle one takes: at a load of 50 on 2 cores a JVM takes a minute to start and answer,
 * and every step after it is slower in proportion. A test waits only as long as its condition takes; the ceiling
 * only decides when it gives up. What a test asserts about the product's own timing stays in its assertions.
 */
final class Await {

    /** How long an agent's JVM may take to start and answer {@code /health}. */
    static final Duration AGENT_START = Duration.ofMinutes(3);
    /** How long a step that takes a second on an idle machine (a task starts, a run ends) may take. */
    static final Duration STEP = Duration.ofMinutes(2);

    /** A condition, checked again until it holds; it may throw (an agent not answering yet is retried). */
    interface Check {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /**
     * Checks every 100 ms until the condition holds.
     *
     * @throws AssertionError naming what was awaited, once the ceiling has passed
     */
    static void until(String what, Duration ceiling, Check check) throws Exception {
        long deadline = System.nanoTime() + ceiling.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + ceiling.toSeconds() + " s for " + what);
            }
            Thread.sleep(100);
        }
    }
}
