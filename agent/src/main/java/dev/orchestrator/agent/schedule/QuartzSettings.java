package dev.orchestrator.agent.schedule;

import java.time.Duration;
import java.util.Properties;

/**
 * Quartz's configuration, tuned for punctuality rather than Quartz's defaults: triggers due together are
 * acquired in one batch, a little ahead of time, and an idle scheduler checks back every second.
 */
final class QuartzSettings {

    static final String DATA_SOURCE = "orchestrator";

    private QuartzSettings() {}

    /**
     * @param misfireThreshold the agent's: a fire later than this is a missed one, for Quartz as for the agent
     */
    static Properties of(String instanceId, boolean postgres, boolean clustered, Duration misfireThreshold) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "orchestrator");
        properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
        // jobs only hand runs to the engine, a few milliseconds each: triggers due together are fired in batches
        // of 8 on 8 threads (40 threads mostly sat idle, each with its stack, in an idle agent's memory)
        properties.setProperty("org.quartz.threadPool.threadCount", "8");
        properties.setProperty("org.quartz.threadPool.threadPriority", "7");
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "8");
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", "5");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty(
                "org.quartz.jobStore.driverDelegateClass",
                postgres
                        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // a trigger late by more than this is a misfire: fired at once, and the pipeline's misfire policy decides.
        // The agent's own threshold, so that Quartz and the agent agree on which fires were missed
        properties.setProperty(
                "org.quartz.jobStore.misfireThreshold", Long.toString(Math.max(1, misfireThreshold.toMillis())));
        properties.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(clustered));
        // Quartz takes a node for dead when its check-in is older than this interval plus 7.5 s: a dead agent's
        // triggers fire elsewhere about 10 s after it died (SPEC 11 asks for 20 s at most)
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "2000");
        // a single agent needs no lock to acquire triggers; a cluster does
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", Boolean.toString(clustered));
        return properties;
    }
}
