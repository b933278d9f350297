package dev.orchestrator.model;

import java.util.Map;

/** One alert destination: {@code log}, {@code feishu}, {@code webhook} or {@code slack}, with its settings. */
public record NotifyChannel(String name, Map<String, Object> config) {

    public NotifyChannel {
        config = ImmutableValues.map(config);
    }
}
