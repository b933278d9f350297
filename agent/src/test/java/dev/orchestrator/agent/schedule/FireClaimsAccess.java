package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.execute.ScheduledOutcome;

/** {@link FireClaims}' messages for tests in other packages. */
public final class FireClaimsAccess {

    private FireClaimsAccess() {}

    public static String skippedMessage(ScheduledOutcome.Busy busy, int maxInstances) {
        return FireClaims.skippedMessage(busy, maxInstances);
    }
}
