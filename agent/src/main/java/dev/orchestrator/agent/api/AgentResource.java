package dev.orchestrator.agent.api;

import dev.orchestrator.agent.execute.ResourceAdmission;
import dev.orchestrator.agent.store.HeartbeatStore.Capacity;
import dev.orchestrator.agent.store.HeartbeatStore.Heartbeat;
import dev.orchestrator.api.Role;
import dev.orchestrator.model.ResourceLimits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /api/v1/agent}: who this agent is, how long it has run, on what, and the cluster it is in. */
public final class AgentResource {

    /**
     * What the agent is started with that clients may show. {@code historyId} names the history in its database:
     * agents that share one report the same.
     */
    public record Identity(
            String agentId,
            String version,
            Instant startedAt,
            String host,
            String database,
            String historyId,
            String configDirectory) {}

    private final Identity identity;
    private final Supplier<List<Heartbeat>> clusterMembers;
    private final ResourceAdmission resources;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param clusterMembers the live agents sharing this agent's database, this one included (SPEC 11)
     * @param resources      what the agent may give its attempts ({@code --max-memory-mb}, {@code --max-cpu}), and
     *                       what they use now
     */
    public AgentResource(
            Identity identity,
            Supplier<List<Heartbeat>> clusterMembers,
            ResourceAdmission resources,
            Clock clock,
            ZoneId zone) {
        this.identity = identity;
        this.clusterMembers = clusterMembers;
        this.resources = resources;
        this.clock = clock;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/agent", request -> describe()).requires(Role.VIEWER));
    }

    private Map<String, Object> describe() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", identity.agentId());
        body.put("version", identity.version());
        body.put(
                "started_at",
                identity.startedAt().atZone(zone).toOffsetDateTime().toString());
        body.put(
                "uptime_seconds",
                Duration.between(identity.startedAt(), clock.instant()).toSeconds());
        body.put("host", identity.host());
        body.put("pid", ProcessHandle.current().pid());
        body.put("time_zone", zone.getId());
        body.put("database", identity.database());
        body.put("history_id", identity.historyId());
        body.put("config_directory", identity.configDirectory());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", Runtime.version().toString());
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("heap_used_bytes", heap.getUsed());
        jvm.put("heap_max_bytes", heap.getMax());
        jvm.put("processors", Runtime.getRuntime().availableProcessors());
        body.put("jvm", jvm);
        ResourceLimits limits = resources.limits();
        ResourceAdmission.Usage usage = resources.inUse();
        Map<String, Object> declared = new LinkedHashMap<>();
        declared.put("max_memory_mb", limits.maxMemoryMb());
        declared.put("max_cpu", limits.maxCpu());
        declared.put("memory_mb_in_use", usage.memoryMb());
        declared.put("cpu_in_use", usage.cpu());
        declared.put("attempts_holding", usage.attempts());
        body.put("resources", declared);
        List<Heartbeat> members = clusterMembers.get();
        body.put(
                "cluster_members",
                members.stream().map(member -> member.agent().agentId()).toList());
        List<Map<String, Object>> cluster = new ArrayList<>();
        for (Heartbeat member : members) {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("agent_id", member.agent().agentId());
            agent.put("host", member.agent().host());
            agent.put("pid", member.agent().pid());
            agent.put("api_url", member.agent().apiUrl().orElse(null));
            agent.put("version", member.agent().version());
            agent.put(
                    "started_at",
                    member.agent().startedAt().atZone(zone).toOffsetDateTime().toString());
            agent.put(
                    "last_heartbeat",
                    member.lastSeen().atZone(zone).toOffsetDateTime().toString());
            agent.put("silent_ms", member.silence().toMillis());
            agent.put("active_runs", member.activeRuns());
            agent.put("free_memory_mb", member.free().map(Capacity::memoryMb).orElse(null));
            agent.put("free_cpu", member.free().map(Capacity::cpu).orElse(null));
            cluster.add(agent);
        }
        body.put("cluster", cluster);
        return body;
    }
}
