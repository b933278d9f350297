package dev.orchestrator.agent.api;

import dev.orchestrator.api.HealthDto;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code GET /health}: the one endpoint without a token, for load balancers and service managers. */
public final class HealthResource {

    private final String version;
    private final Instant startedAt;
    private final Clock clock;
    private final Supplier<Optional<String>> storeProblem;

    public HealthResource(String version, Instant startedAt, Clock clock) {
        this(version, startedAt, clock, Optional::empty);
    }

    /**
     * @param storeProblem what keeps the agent's database from being used, if anything: {@code /health} then
     *                     answers 503 with it, so a load balancer or service manager sees the agent as down
     */
    public HealthResource(String version, Instant startedAt, Clock clock, Supplier<Optional<String>> storeProblem) {
        this.version = version;
        this.startedAt = startedAt;
        this.clock = clock;
        this.storeProblem = storeProblem;
    }

    public List<Route> routes() {
        return List.of(Route.open("GET", "/health", request -> {
            storeProblem.get().ifPresent(problem -> {
                throw new ApiException(503, "unavailable", "the agent cannot use its database: " + problem);
            });
            return new HealthDto(
                    "ok", version, Duration.between(startedAt, clock.instant()).toSeconds());
        }));
    }
}
