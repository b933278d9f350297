package dev.orchestrator.agent.schedule;

import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The one Quartz job: hands a pipeline's fire to the {@link FireHandler}, with the time it was scheduled for.
 * A pipeline has one trigger, which only its own fire replaces, so two fires of it never overlap; Quartz's
 * non-concurrent mode is not needed, and its BLOCKED trigger states would only add ways to get stuck.
 */
final class FireJob implements Job {

    static final String SCHEDULED_FOR = "scheduled_for";

    private final FireHandler handler;

    FireJob(FireHandler handler) {
        this.handler = handler;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String pipelineId = context.getJobDetail().getKey().getName();
        // the trigger carries its own time: after a misfire Quartz reports "now" as the scheduled time
        long scheduledFor = context.getTrigger().getJobDataMap().getLong(SCHEDULED_FOR);
        handler.fired(pipelineId, Instant.ofEpochMilli(scheduledFor));
    }
}
