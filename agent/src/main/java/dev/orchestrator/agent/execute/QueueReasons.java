package dev.orchestrator.agent.execute;

import java.util.Collection;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The end of the reason a task gives for waiting in a queue (a pool's, this agent's resources'), as its run's detail
 * shows it: who holds what it waits for, the first few, and how many tasks wait ahead of it.
 */
final class QueueReasons {

    private static final int HOLDERS_NAMED = 3;

    private QueueReasons() {}

    /** {@code " by run_1 / a, run_2 / b, run_3 / c, …"}; nothing when none holds it. */
    static <T> void appendHolders(StringBuilder reason, Collection<T> holders, Function<T, String> name) {
        if (holders.isEmpty()) {
            return;
        }
        reason.append(" by ")
                .append(holders.stream().limit(HOLDERS_NAMED).map(name).collect(Collectors.joining(", ")));
        if (holders.size() > HOLDERS_NAMED) {
            reason.append(", …");
        }
    }

    /** {@code "; 2 tasks wait ahead of it"}; nothing when none does. */
    static void appendAhead(StringBuilder reason, int ahead) {
        if (ahead > 0) {
            reason.append("; ")
                    .append(ahead)
                    .append(ahead == 1 ? " task waits" : " tasks wait")
                    .append(" ahead of it");
        }
    }
}
