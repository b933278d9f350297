package dev.orchestrator.model;

import java.util.List;

/** Which events of a pipeline send alerts, and where. */
public record Notify(
        boolean onTaskFailure,
        boolean onPipelineFailure,
        boolean onPipelineSuccess,
        int failureThreshold,
        List<NotifyChannel> channels) {

    public Notify {
        channels = List.copyOf(channels);
    }

    public static Notify defaults() {
        return new Notify(true, true, false, 1, List.of());
    }
}
