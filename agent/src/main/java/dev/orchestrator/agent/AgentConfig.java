package dev.orchestrator.agent;

import dev.orchestrator.agent.api.TlsSettings;
import dev.orchestrator.agent.cluster.Heartbeats;
import dev.orchestrator.agent.execute.LogBudget;
import dev.orchestrator.agent.execute.MachineLimits;
import dev.orchestrator.model.ResourceLimits;
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
 * @param agentId       this agent's name in the run history, unique within a cluster
 * @param misfireThreshold a scheduled fire that comes later than this was missed (agent down or overloaded)
 * @param tls           serve the API over HTTPS with this keystore
 * @param eventRetention how long an event that no task waits for is kept for a task that starts waiting later
 * @param databaseLogin user and password for {@code databaseUrl}, when the URL does not carry them
 * @param heartbeats    how often this agent tells the others it is alive, and when one silent is dead
 * @param logBudget     how much of each task attempt's log is stored
 * @param resources     what the attempts running at once may use of the machine ({@code --max-memory-mb},
 *                      {@code --max-cpu}); by default the machine's physical memory and processors
 */
public record AgentConfig(
        Path home,
        Path configDirectory,
        Path pluginsDirectory,
        String bindAddress,
        int port,
        Optional<String> databaseUrl,
        int retentionDays,
        Duration gracePeriod,
        ZoneId zone,
        String agentId,
        Duration misfireThreshold,
        Optional<TlsSettings> tls,
        Duration eventRetention,
        DatabaseLogin databaseLogin,
        Heartbeats heartbeats,
        LogBudget logBudget,
        ResourceLimits resources) {

    /**
     * An agent over plain HTTP, keeping early events {@link #DEFAULT_EVENT_RETENTION}, logging in to its database
     * as its URL says, with the default heartbeats and log budget and the whole machine for its attempts.
     */
    public AgentConfig(
            Path home,
            Path configDirectory,
            Path pluginsDirectory,
            String bindAddress,
            int port,
            Optional<String> databaseUrl,
            int retentionDays,
            Duration gracePeriod,
            ZoneId zone,
            String agentId,
            Duration misfireThreshold) {
        this(
                home,
                configDirectory,
                pluginsDirectory,
                bindAddress,
                port,
                databaseUrl,
                retentionDays,
                gracePeriod,
                zone,
                agentId,
                misfireThreshold,
                Optional.empty(),
                DEFAULT_EVENT_RETENTION,
                DatabaseLogin.NONE,
                Heartbeats.DEFAULT,
                LogBudget.DEFAULT,
                MachineLimits.of());
    }

    /** The same agent, storing this much of each attempt's log. */
    public AgentConfig withLogBudget(LogBudget budget) {
        return new AgentConfig(
                home,
                configDirectory,
                pluginsDirectory,
                bindAddress,
                port,
                databaseUrl,
                retentionDays,
                gracePeriod,
                zone,
                agentId,
                misfireThreshold,
                tls,
                eventRetention,
                databaseLogin,
                heartbeats,
                budget,
                resources);
    }

    /** The same agent, giving its attempts at most these resources at once. */
    public AgentConfig withResources(ResourceLimits limits) {
        return new AgentConfig(
                home,
                configDirectory,
                pluginsDirectory,
                bindAddress,
                port,
                databaseUrl,
                retentionDays,
                gracePeriod,
                zone,
                agentId,
                misfireThreshold,
                tls,
                eventRetention,
                databaseLogin,
                heartbeats,
                logBudget,
                limits);
    }

    /** An early event is kept this long by default (SPEC 4: "kept for a while (default one hour)"). */
    public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofHours(1);

    /** The same agent, keeping early events for {@code retention}. */
    public AgentConfig withEventRetention(Duration retention) {
        return new AgentConfig(
                home,
                configDirectory,
                pluginsDirectory,
                bindAddress,
                port,
                databaseUrl,
                retentionDays,
                gracePeriod,
                zone,
                agentId,
                misfireThreshold,
                tls,
                retention,
                databaseLogin,
                heartbeats,
                logBudget,
                resources);
    }

    /** A fire later than this when it comes counts as missed, and the pipeline's misfire policy applies. */
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);

    /** The same configuration on another database. */
    public AgentConfig withDatabase(String url, DatabaseLogin login) {
        return new AgentConfig(
                home,
                configDirectory,
                pluginsDirectory,
                bindAddress,
                port,
                Optional.of(url),
                retentionDays,
                gracePeriod,
                zone,
                agentId,
                misfireThreshold,
                tls,
                eventRetention,
                login,
                heartbeats,
                logBudget,
                resources);
    }

    /**
     * A user and password for the database. The password is never shown: not by {@link #toString()}, not in a
     * log line, not in an error message.
     */
    public record DatabaseLogin(Optional<String> user, Optional<String> password) {

        /** Whatever the URL says. */
        public static final DatabaseLogin NONE = new DatabaseLogin(Optional.empty(), Optional.empty());

        /** The environment variable the password is read from, so it never shows in a process list. */
        public static final String PASSWORD_VARIABLE = "ORCHESTRATOR_DB_PASSWORD";

        @Override
        public String toString() {
            return "DatabaseLogin[user=" + user.orElse("(from the URL)") + ", password="
                    + password.map(secret -> "(set)").orElse("(from the URL)") + "]";
        }
    }
}
