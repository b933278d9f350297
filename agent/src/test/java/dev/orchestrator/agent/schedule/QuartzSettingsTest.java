package dev.orchestrator.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Quartz and the agent agree on which fires were missed. */
class QuartzSettingsTest {

    @Test
    void quartzsMisfireThresholdIsTheAgents() {
        assertThat(QuartzSettings.of("a", false, false, Duration.ofSeconds(60))
                        .getProperty("org.quartz.jobStore.misfireThreshold"))
                .isEqualTo("60000");
        assertThat(QuartzSettings.of("a", true, true, Duration.ofMillis(300))
                        .getProperty("org.quartz.jobStore.misfireThreshold"))
                .isEqualTo("300");
    }

    @Test
    void aHandfulOfWorkerThreadsFireTriggersInBatchesAsLargeAsThePool() {
        // each fire only hands a run to the engine: 8 threads keep up with 40 triggers due together, and an idle
        // agent does not keep 40 threads (and their stacks) waiting
        var properties = QuartzSettings.of("a", false, false, Duration.ofSeconds(60));
        assertThat(properties.getProperty("org.quartz.threadPool.threadCount")).isEqualTo("8");
        assertThat(properties.getProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount"))
                .isEqualTo("8");
    }
}
