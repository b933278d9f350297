package dev.orchestrator.agent.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /health}: the one endpoint without a token, for load balancers and service managers. */
public final class HealthResource {

    private final String version;
    private final Instant startedAt;
    private final Clock clock;

    public HealthResource(String version, Instant startedAt, Clock clock) {
        this.version = version;
        this.startedAt = startedAt;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.open("GET", "/health", request -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("version", version);
            body.put("uptime_seconds", Duration.between(startedAt, clock.instant()).toSeconds());
            return body;
        }));
    }
}
