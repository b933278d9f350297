package dev.orchestrator.testsupport;

import java.time.Duration;

/**
 * How long the tests that start agents as processes wait, at most. The ceilings are what a loaded machine needs, not
 * what an idle one takes: at a load of 50 on 2 cores a JVM takes a minute to start and answer, and every step after it
 * is slower in proportion. A test waits only as long as its condition takes; the ceiling only decides when it gives
 * up. What a test asserts about the product's own timing stays in its assertions.
 */
public final class Ceilings {

    /** How long an agent's JVM may take to start and answer {@code /health}. */
    public static final Duration AGENT_START = Duration.ofMinutes(3);
    /** How long a step that takes a second on an idle machine (a task starts, a run ends) may take. */
    public static final Duration STEP = Duration.ofMinutes(2);

    private Ceilings() {}
}
