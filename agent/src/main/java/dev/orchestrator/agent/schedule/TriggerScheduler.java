package dev.orchestrator.agent.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz, with its JDBC job store in the agent's own database, holding one durable job per scheduled pipeline
 * and one trigger for its next fire. Each fire computes and sets the next one (see {@code TriggerSync}), so
 * fire times follow the pipeline's zone across daylight-saving changes exactly. This class is the only one
 * that speaks Quartz. Thread-safe, as Quartz's scheduler is.
 */
public final class TriggerScheduler implements AutoCloseable {

    static final String GROUP = "pipelines";
    private static final String FINGERPRINT = "fingerprint";

    private final Scheduler scheduler;

    private TriggerScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @param postgres   true on PostgreSQL (Quartz's PostgreSQL delegate), false on H2
     * @param instanceId this agent's id in Quartz's tables (unique within a cluster): a restarted agent finds and
     *                   recovers what its previous process left
     * @param clustered  true when several agents may share the database (PostgreSQL): Quartz's clustered job
     *                   store, which fires each trigger on one agent and moves a dead agent's triggers to the
     *                   others
     * @param misfireThreshold a fire later than this was missed (the agent's setting, which Quartz follows too)
     */
    public static TriggerScheduler create(
            DataSource dataSource,
            boolean postgres,
            String instanceId,
            boolean clustered,
            java.time.Duration misfireThreshold,
            FireHandler handler) {
        // Quartz finds data sources by name in its own registry; a unique name per scheduler keeps tests apart
        String dataSourceName = QuartzSettings.DATA_SOURCE + "-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to the agent's Database, which closes it
            }

            @Override
            public void initialize() {
                // the pool is already running
            }
        });
        try {
            var properties = QuartzSettings.of(instanceId, postgres, clustered, misfireThreshold);
            properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            // Quartz's factory hands out the scheduler already registered under the name ("orchestrator", the same
            // for every agent of a cluster) when there is one: a second agent in this JVM (a test's) would share the
            // first's scheduler, store and job factory, and stopping either would stop both. Each agent owns its own.
            SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
            scheduler.setJobFactory(new HandlerJobFactory(handler));
            return new TriggerScheduler(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the scheduler: " + e.getMessage(), e);
        }
    }

    public void start() {
        call(scheduler::start);
    }

    /**
     * Fires nothing more (a trigger already on its way may still come), and gives the triggers this agent had
     * acquired back to the store, where another agent of a cluster can take them.
     */
    public void standby() {
        call(scheduler::standby);
    }

    /**
     * Sets the pipeline's next fire, replacing any other.
     *
     * @param triggerAt    when Quartz hands the fire over (a little ahead of time, see {@code ScheduleService})
     * @param scheduledFor the fire time itself
     * @param fingerprint  identifies the schedule, so an unchanged one is left alone
     */
    public void schedule(String pipelineId, Instant triggerAt, Instant scheduledFor, String fingerprint) {
        JobDetail job = JobBuilder.newJob(FireJob.class)
                .withIdentity(pipelineId, GROUP)
                .storeDurably()
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(pipelineId, GROUP)
                .forJob(job)
                .startAt(Date.from(triggerAt))
                .usingJobData(FireJob.SCHEDULED_FOR, scheduledFor.toEpochMilli())
                .usingJobData(FINGERPRINT, fingerprint)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withRepeatCount(0)
                        .withMisfireHandlingInstructionFireNow())
                .build();
        call(() -> scheduler.scheduleJob(job, Set.of(trigger), true));
    }

    /** Removes the pipeline's job and trigger from the store. */
    public void unschedule(String pipelineId) {
        call(() -> scheduler.deleteJob(JobKey.jobKey(pipelineId, GROUP)));
    }

    public void pause(String pipelineId) {
        call(() -> scheduler.pauseTrigger(TriggerKey.triggerKey(pipelineId, GROUP)));
    }

    /**
     * The fingerprint of each pipeline that has a trigger still to fire. One that has fired and was not replaced
     * (its agent died before setting the next fire) counts as none.
     */
    public Map<String, String> fingerprints() {
        return call(() -> {
            Map<String, String> fingerprints = new HashMap<>();
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
                Trigger trigger = scheduler.getTrigger(key);
                if (trigger != null && trigger.getNextFireTime() != null) {
                    fingerprints.put(key.getName(), trigger.getJobDataMap().getString(FINGERPRINT));
                }
            }
            return fingerprints;
        });
    }

    /** Pipelines with a job in the store, with or without a trigger. */
    public Set<String> scheduledPipelines() {
        return call(() -> scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)).stream()
                .map(JobKey::getName)
                .collect(Collectors.toSet()));
    }

    /** The fire time of the pipeline's trigger (not when Quartz hands it over). */
    public Optional<Instant> nextFireTime(String pipelineId) {
        return call(() -> Optional.ofNullable(scheduler.getTrigger(TriggerKey.triggerKey(pipelineId, GROUP)))
                .map(trigger -> Instant.ofEpochMilli(trigger.getJobDataMap().getLong(FireJob.SCHEDULED_FOR))));
    }

    public boolean isPaused(String pipelineId) {
        return call(() ->
                scheduler.getTriggerState(TriggerKey.triggerKey(pipelineId, GROUP)) == Trigger.TriggerState.PAUSED);
    }

    @Override
    public void close() {
        // jobs only hand runs over and take milliseconds: waiting for them lets Quartz record their end
        call(() -> scheduler.shutdown(true));
    }

    private interface QuartzCall<T> {
        T call() throws SchedulerException;
    }

    private interface QuartzAction {
        void run() throws SchedulerException;
    }

    private static <T> T call(QuartzCall<T> work) {
        try {
            return work.call();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler failed: " + e.getMessage(), e);
        }
    }

    private static void call(QuartzAction work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
