package dev.orchestrator.agent.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

import java.time.Instant;

/** The one Quartz job: hands a pipeline's fire to the {@link FireHandler}, with the time it was scheduled for. */
@DisallowConcurrentExecution
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
