package dev.orchestrator.agent.schedule;

import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Gives Quartz jobs their collaborators through the constructor, instead of Quartz's reflection. */
final class HandlerJobFactory implements JobFactory {

    private final FireHandler handler;

    HandlerJobFactory(FireHandler handler) {
        this.handler = handler;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        if (type != FireJob.class) {
            throw new SchedulerException("unexpected job class " + type.getName() + " in the job store");
        }
        return new FireJob(handler);
    }
}
