package dev.orchestrator.agent.api;

import dev.orchestrator.agent.metrics.AgentMetrics;
import dev.orchestrator.api.Role;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** {@code GET /metrics}: the agent's figures in the Prometheus text format; scrapers send the token too. */
public final class MetricsResource {

    private final AgentMetrics metrics;

    public MetricsResource(AgentMetrics metrics) {
        this.metrics = metrics;
    }

    public List<Route> routes() {
        return List.of(Route.get("/metrics", request -> new StreamingResponse() {
                    @Override
                    public String contentType() {
                        return metrics.contentType();
                    }

                    @Override
                    public void write(OutputStream body, SecretMasker masker) throws IOException {
                        metrics.write(body);
                    }
                })
                .requires(Role.VIEWER));
    }
}
