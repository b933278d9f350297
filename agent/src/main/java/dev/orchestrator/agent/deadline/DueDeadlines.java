package dev.orchestrator.agent.deadline;

import dev.orchestrator.cron.FireTimes;
import dev.orchestrator.model.Deadline;
import dev.orchestrator.model.Pipeline;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The deadlines of a pipeline's scheduled fires that fall due in a window. Stateless. */
final class DueDeadlines {

    /** One deadline of one fire. */
    record Pending(ZonedDateTime scheduledFor, Deadline.Due due) {}

    /** At most this many fires are looked at in one window: a schedule every second, a day of deadlines. */
    private static final int MAX_FIRES = 100_000;

    private DueDeadlines() {}

    /** True when the pipeline has a deadline and a schedule that fires by itself, so that it can miss one. */
    static boolean watched(Pipeline pipeline, ZoneId agentZone) {
        return pipeline.deadline().isPresent()
                && FireTimes.of(pipeline.schedule(), agentZone).isTimed();
    }

    /** The deadlines falling due in {@code (after, until]}, earliest first. */
    static List<Pending> between(Pipeline pipeline, ZoneId agentZone, Instant after, Instant until) {
        Deadline deadline = pipeline.deadline().orElseThrow();
        FireTimes fires = FireTimes.of(pipeline.schedule(), agentZone);
        List<Pending> due = new ArrayList<>();
        for (ZonedDateTime fire : fires.between(after.minus(deadline.longestReach()), until, MAX_FIRES)) {
            add(due, fire, deadline.start(fire), after, until);
            add(due, fire, deadline.finish(fire), after, until);
        }
        due.sort(Comparator.comparing((Pending pending) -> pending.due().at().toInstant())
                .thenComparing(pending -> pending.scheduledFor().toInstant()));
        return due;
    }

    private static void add(
            List<Pending> due, ZonedDateTime fire, Optional<Deadline.Due> deadline, Instant after, Instant until) {
        deadline.filter(found -> found.at().toInstant().isAfter(after)
                        && !found.at().toInstant().isAfter(until))
                .ifPresent(found -> due.add(new Pending(fire, found)));
    }
}
