package dev.orchestrator.agent.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Quartz and the agent agree on which fires were missed. */
class QuartzSettingsTest {

    @Test
    void quartzsMisfireThresholdIsTheAgents() {
        assertThat(QuartzSettings.of("a", false, false, Duration.ofSeconds(60))
                .getProperty("org.quartz.jobStore.misfireThreshold")).isEqualTo("60000");
        assertThat(QuartzSettings.of("a", true, true, Duration.ofMillis(300))
                .getProperty("org.quartz.jobStore.misfireThreshold")).isEqualTo("300");
    }
}
