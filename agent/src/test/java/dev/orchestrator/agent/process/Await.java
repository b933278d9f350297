package dev.orchestrator.agent.process;

import static org.awaitility.Awaitility.await;

import dev.orchestrator.testsupport.Ceilings;
import java.time.Duration;

/** Waiting on a condition with a ceiling ({@link Ceilings}), for the tests that start agents as processes. */
final class Await {

    /** How long an agent's JVM may take to start and answer {@code /health}. */
    static final Duration AGENT_START = Ceilings.AGENT_START;
    /** How long a step that takes a second on an idle machine (a task starts, a run ends) may take. */
    static final Duration STEP = Ceilings.STEP;

    /** A condition, checked again until it holds; what it throws fails the wait at once. */
    interface Check {
        boolean holds() throws Exception;
    }

    private Await() {}

    /**
     * Checks every 100 ms until the condition holds.
     *
     * @throws org.awaitility.core.ConditionTimeoutException naming what was awaited, once the ceiling has passed
     */
    static void until(String what, Duration ceiling, Check check) {
        await(what).atMost(ceiling).pollInterval(Duration.ofMillis(100)).until(check::holds);
    }
}
