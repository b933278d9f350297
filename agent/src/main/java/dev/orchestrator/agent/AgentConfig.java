package dev.orchestrator.agent;

import dev.orchestrator.agent.api.TlsSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Everything an agent is started with.
 *
 * @param databaseUrl   a JDBC URL instead of the embedded H2 database (PostgreSQL for scale-out)
 * @param retentionDays finished runs older than this are purged, daily
 * @param gracePeriod   how long stopped work gets before it is killed, at timeouts, cancels and shutdown
 * @param zone          the time zone of pipelines that name none
 * @param agentId       this agent's name in the run history
 * @param misfireThreshold a scheduled fire that comes later than this was missed (agent down or overloaded)
 * @param tls           serve the API over HTTPS with this keystore
 * @param eventRetention how long an event that no task waits for is kept for a task that starts waiting later
 */
public record AgentConfig(Path home, Path configDirectory, Path pluginsDirectory, String bindAddress, int port,
                          Optional<String> databaseUrl, int retentionDays, Duration gracePeriod, ZoneId zone,
                          String agentId, Duration misfireThreshold, Optional<TlsSettings> tls,
                          Duration eventRetention) {

    public AgentConfig(Path home, Path configDirectory, Path pluginsDirectory, String bindAddress, int port,
                       Optional<String> databaseUrl, int retentionDays, Duration gracePeriod, ZoneId zone,
                       String agentId, Duration misfireThreshold, Optional<TlsSettings> tls) {
        this(home, configDirectory, pluginsDirectory, bindAddress, port, databaseUrl, retentionDays, gracePeriod, zone,
                agentId, misfireThreshold, tls, DEFAULT_EVENT_RETENTION);
    }

    public AgentConfig(Path home, Path configDirectory, Path pluginsDirectory, String bindAddress, int port,
                       Optional<String> databaseUrl, int retentionDays, Duration gracePeriod, ZoneId zone,
                       String agentId, Duration misfireThreshold) {
        this(home, configDirectory, pluginsDirectory, bindAddress, port, databaseUrl, retentionDays, gracePeriod, zone,
                agentId, misfireThreshold, Optional.empty());
    }

    /** An early event is kept this long by default (SPEC 4: "kept for a while (default one hour)"). */
    public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofHours(1);

    /** The same agent, keeping early events for {@code retention}. */
    public AgentConfig withEventRetention(Duration retention) {
        return new AgentConfig(home, configDirectory, pluginsDirectory, bindAddress, port, databaseUrl, retentionDays,
                gracePeriod, zone, agentId, misfireThreshold, tls, retention);
    }

    /** A fire later than this when it comes counts as missed, and the pipeline's misfire policy applies. */
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);
}
