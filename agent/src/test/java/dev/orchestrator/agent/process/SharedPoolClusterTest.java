package dev.orchestrator.agent.process;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cluster.Heartbeats;
import dev.orchestrator.agent.store.SharedPostgres;
import dev.orchestrator.testsupport.IntegrationTest;
import dev.orchestrator.testsupport.SleepMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's acceptance 1 on a cluster, for real: two agents, each its own JVM, on one embedded PostgreSQL, share the
 * pool {@code warehouse: 2}. Two pipelines of 6 tasks triggered together, one on each agent, never run more than 2
 * tasks at once between them (from the recorded attempt times) and all succeed, their queued tasks saying which pool
 * they wait for; then the agent holding the pool's slots is killed with SIGKILL, and the survivor's queued tasks get
 * the slots once it is declared dead: within the heartbeat timeout, never before its runs are recorded crashed.
 */
@IntegrationTest
@EnabledOnOs(OS.LINUX)
class SharedPoolClusterTest {

    /** The agent's own heartbeats ({@code orchestrator run} has no option to change them). */
    private static final Heartbeats HEARTBEATS = Heartbeats.DEFAULT;
    /**
     * What a loaded machine may add to the heartbeat timeout before the slots are taken again: the survivor notices
     * the silence at its next heartbeat, its waiting task asks again at its next poll, and the task's shell starts.
     */
    private static final Duration MARGIN = Duration.ofSeconds(15);

    /** Names this test's long {@code sleep}s, which a killed agent leaves running: they are ended after the test. */
    private final String sleepMarker = SleepMarker.seconds(300);

    @TempDir
    Path directory;

    private final Map<String, AgentProcess> agents = new TreeMap<>();

    @AfterEach
    void cleanUp() {
        agents.values().forEach(AgentProcess::close);
        ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(sleepMarker))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void twoAgentsNeverRunMoreThanThePoolsTwoTasksAndTheSurvivorGetsTheSlotsOfAKilledHolder() throws Exception {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Files.writeString(config.resolve("pools.yaml"), pipelines());
        String databaseUrl = SharedPostgres.newDatabaseUrl();
        AgentProcess holder = startAgent("agent-a", config, databaseUrl);
        AgentProcess survivor = startAgent("agent-b", config, databaseUrl);

        // two pipelines of 6 tasks, triggered together, one on each agent
        String orders = trigger(holder, "orders");
        String invoices = trigger(survivor, "invoices");
        AtomicReference<Optional<String>> queuedReason = new AtomicReference<>(Optional.empty());
        Await.until("a task queued for the pool, or both runs ended", Await.STEP, () -> {
            queuedReason.set(waitingReason(holder, orders).or(() -> uncheckedWaitingReason(survivor, invoices)));
            return queuedReason.get().isPresent() || (ended(holder, orders) && ended(survivor, invoices));
        });
        assertThat(holder.awaitEnd(orders, Await.STEP)).isEqualTo("success");
        assertThat(survivor.awaitEnd(invoices, Await.STEP)).isEqualTo("success");
        assertThat(queuedReason.get())
                .as("a queued task says which pool it waits for, and who holds its slots")
                .hasValueSatisfying(reason -> assertThat(reason)
                        .matches("waiting for pool warehouse: 2 of 2 slots taken by run_\\S+ / load_\\d, "
                                + "run_\\S+ / load_\\d.*"));
        List<Attempt> attempts = new ArrayList<>(attempts(holder, orders));
        attempts.addAll(attempts(survivor, invoices));
        assertThat(attempts)
                .hasSize(12)
                .allSatisfy(attempt -> assertThat(attempt.status()).isEqualTo("success"));
        assertThat(attempts).extracting(Attempt::agent).contains("agent-a", "agent-b");
        int mostAtOnce = mostAtOnce(attempts);
        System.out.printf("[pools] 2 pipelines of 6 on 2 agents: at most %d tasks at once%n", mostAtOnce);
        assertThat(mostAtOnce).isLessThanOrEqualTo(2);

        // agent-a holds both slots, and one of its tasks waits ahead of agent-b's
        String held = trigger(holder, "hold");
        Await.until("agent-a to hold both slots and queue its third task", Await.STEP, () -> {
            JsonNode warehouse = warehouse(survivor);
            return warehouse.get("holders").size() == 2
                    && warehouse.get("waiting").size() == 1;
        });
        String after = trigger(survivor, "after");
        Await.until(
                "agent-b's tasks to queue behind agent-a's",
                Await.STEP,
                () -> warehouse(survivor).get("waiting").size() == 3);
        JsonNode before = warehouse(survivor);
        assertThat(before.get("holders"))
                .extracting(holding -> holding.get("agent_id").asText() + ":"
                        + holding.get("task_id").asText())
                .containsExactlyInAnyOrder("agent-a:hold_1", "agent-a:hold_2");
        assertThat(before.get("waiting"))
                .extracting(waiter -> waiter.get("agent_id").asText() + ":"
                        + waiter.get("task_id").asText())
                .containsExactly("agent-a:hold_3", "agent-b:load_1", "agent-b:load_2");

        Instant killedAt = Instant.now();
        holder.kill();

        assertThat(survivor.awaitEnd(after, Await.STEP)).isEqualTo("success");
        JsonNode crashed = survivor.get("/api/v1/runs/" + held);
        assertThat(crashed.get("status").asText()).isEqualTo("crashed");
        List<Attempt> afterAttempts = attempts(survivor, after);
        Instant slotsBack = afterAttempts.stream()
                .map(Attempt::startedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant crashedAt =
                OffsetDateTime.parse(crashed.get("finished_at").asText()).toInstant();
        Duration took = Duration.between(killedAt, slotsBack);
        System.out.printf(
                "[pools] SIGKILL of agent-a: its run recorded crashed after %d ms, its slots taken by agent-b after %d"
                        + " ms (heartbeat timeout %d ms)%n",
                Duration.between(killedAt, crashedAt).toMillis(),
                took.toMillis(),
                HEARTBEATS.deadAfter().toMillis());
        assertThat(took)
                .as("the slots come back once the holder is declared dead, not while it may live")
                .isGreaterThanOrEqualTo(HEARTBEATS.deadAfter().minus(HEARTBEATS.interval()))
                .isLessThanOrEqualTo(HEARTBEATS.deadAfter().plus(MARGIN));
        assertThat(slotsBack)
                .as("the survivor's tasks start after the holder's run is recorded crashed")
                .isAfterOrEqualTo(crashedAt);
        assertThat(task(crashed, "hold_3").get("status").asText())
                .as("agent-a's queued task never ran")
                .isEqualTo("skipped");
        JsonNode afterExpiry = warehouse(survivor);
        assertThat(afterExpiry.get("holders")).isEmpty();
        assertThat(afterExpiry.get("waiting")).isEmpty();
        assertThat(afterExpiry.get("taken").asInt()).isZero();

        List<Attempt> everything = new ArrayList<>(attempts);
        everything.addAll(attempts(survivor, held));
        everything.addAll(afterAttempts);
        assertThat(everything)
                .filteredOn(attempt ->
                        attempt.agent().equals("agent-a") && attempt.status().equals("crashed"))
                .hasSize(2);
        assertThat(mostAtOnce(everything))
                .as("at no moment more than 2 tasks held the pool, on both agents")
                .isLessThanOrEqualTo(2);
    }

    private String pipelines() {
        StringBuilder yaml = new StringBuilder("pools: { warehouse: 2 }\npipelines:\n");
        for (String id : List.of("orders", "invoices")) {
            yaml.append("  - id: ").append(id).append("\n    pool: warehouse\n    max_concurrency: 6\n    tasks:\n");
            for (int i = 1; i <= 6; i++) {
                yaml.append("      - { id: load_")
                        .append(i)
                        .append(", connector: shell, action: run, action_kwargs: { command: \"sleep 0.3\" } }\n");
            }
        }
        yaml.append("""
                  - id: hold
                    pool: warehouse
                    max_concurrency: 3
                    tasks:
                      - { id: hold_1, connector: shell, action: run, action_kwargs: { command: "sleep %1$s" } }
                      - { id: hold_2, connector: shell, action: run, action_kwargs: { command: "sleep %1$s" } }
                      - { id: hold_3, connector: shell, action: run, action_kwargs: { command: "sleep %1$s" } }
                  - id: after
                    pool: warehouse
                    max_concurrency: 2
                    tasks:
                      - { id: load_1, connector: shell, action: run, action_kwargs: { command: "sleep 0.3" } }
                      - { id: load_2, connector: shell, action: run, action_kwargs: { command: "sleep 0.3" } }
                """.formatted(sleepMarker));
        return yaml.toString();
    }

    private AgentProcess startAgent(String agentId, Path config, String databaseUrl)
            throws IOException, InterruptedException {
        AgentProcess agent = AgentProcess.start(
                config,
                directory.resolve("home-" + agentId),
                directory.resolve("output-" + agentId + ".txt"),
                List.of("--db-url", databaseUrl, "--agent-id", agentId));
        agents.put(agentId, agent);
        return agent;
    }

    private static String trigger(AgentProcess agent, String pipeline) throws IOException, InterruptedException {
        return agent.post("/trigger/" + pipeline, "{}").get("run_id").asText();
    }

    private static boolean ended(AgentProcess agent, String runId) throws IOException, InterruptedException {
        return !agent.get("/api/v1/runs/" + runId).get("status").asText().matches("queued|running");
    }

    /** Why a task of the run is queued, if one is now. */
    private static Optional<String> waitingReason(AgentProcess agent, String runId)
            throws IOException, InterruptedException {
        for (JsonNode task : agent.get("/api/v1/runs/" + runId).get("tasks")) {
            if (task.get("status").asText().equals("queued")) {
                return Optional.of(task.get("reason").asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> uncheckedWaitingReason(AgentProcess agent, String runId) {
        try {
            return waitingReason(agent, runId);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The pool {@code warehouse} as {@code GET /api/v1/pools} shows it. */
    private static JsonNode warehouse(AgentProcess agent) throws IOException, InterruptedException {
        for (JsonNode pool : agent.get("/api/v1/pools")) {
            if (pool.get("name").asText().equals("warehouse")) {
                return pool;
            }
        }
        throw new AssertionError("no pool warehouse in " + agent.get("/api/v1/pools"));
    }

    /** An attempt as recorded: by which agent, how it ended, when it started and ended (now, when it has not). */
    private record Attempt(String agent, String status, Instant startedAt, Instant finishedAt) {}

    private static List<Attempt> attempts(AgentProcess agent, String runId) throws IOException, InterruptedException {
        JsonNode run = agent.get("/api/v1/runs/" + runId);
        String agentId = run.get("agent_id").asText();
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode task : run.get("tasks")) {
            for (JsonNode attempt : task.get("attempts")) {
                attempts.add(new Attempt(
                        agentId,
                        attempt.get("status").asText(),
                        OffsetDateTime.parse(attempt.get("started_at").asText()).toInstant(),
                        attempt.hasNonNull("finished_at")
                                ? OffsetDateTime.parse(
                                                attempt.get("finished_at").asText())
                                        .toInstant()
                                : Instant.now()));
            }
        }
        return attempts;
    }

    /** The most attempts running at one moment, from their recorded start and end. */
    private static int mostAtOnce(List<Attempt> attempts) {
        record Edge(Instant at, int change) {}
        List<Edge> edges = new ArrayList<>();
        for (Attempt attempt : attempts) {
            edges.add(new Edge(attempt.startedAt(), 1));
            edges.add(new Edge(attempt.finishedAt(), -1));
        }
        // at the same instant, an end comes before a start: the slot was given back first
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::change));
        int running = 0;
        int most = 0;
        for (Edge edge : edges) {
            running += edge.change();
            most = Math.max(most, running);
        }
        return most;
    }
}
