package dev.orchestrator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.execute.EngineSettings;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.schedule.ScheduleService;
import dev.orchestrator.agent.schedule.TriggerScheduler;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scheduler punctuality with the real Quartz on the embedded H2 file database. Targets: a seconds-level cron
 * fired 60 times is late by p50 ≤ 5 ms and p99 ≤ 20 ms (lateness = the run's row committed, minus its scheduled
 * time); 200 pipelines due in the same second all start within 100 ms.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.SchedulerPunctualityBenchmark</pre>
 */
public final class SchedulerPunctualityBenchmark {

    private SchedulerPunctualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        everySecond();
        twoHundredAtOnce();
    }

    private static void everySecond() throws Exception {
        try (Setup setup = new Setup("""
                pipelines:
                  - id: every_second
                    schedule: { type: cron, cron_expr: "* * * * * ?", timezone: UTC, max_instances: 5 }
                    tasks:
                      - { id: noop, connector: noop, action: nothing }
                """)) {
            Thread.sleep(3_000); // warm-up fires, not counted
            int before = setup.runs("every_second").size();
            Thread.sleep(61_000);
            List<RunRecord> runs = setup.runs("every_second");
            List<Long> lateness = new ArrayList<>();
            List<Long> taskLateness = new ArrayList<>();
            for (RunRecord run : runs.subList(before, Math.min(runs.size(), before + 60))) {
                lateness.add(Duration.between(run.logicalTime().toInstant(), run.createdAt())
                        .toMillis());
                taskLateness.add(Duration.between(run.logicalTime().toInstant(), setup.firstTaskStarted(run.runId()))
                        .toMillis());
            }
            Collections.sort(lateness);
            Collections.sort(taskLateness);
            System.out.printf(
                    "every second, %d fires: run created late by p50 %d ms, p99 %d ms, max %d ms; "
                            + "first task started late by p50 %d ms, p99 %d ms%n",
                    lateness.size(),
                    percentile(lateness, 50),
                    percentile(lateness, 99),
                    lateness.get(lateness.size() - 1),
                    percentile(taskLateness, 50),
                    percentile(taskLateness, 99));
        }
    }

    private static void twoHundredAtOnce() throws Exception {
        StringBuilder yaml = new StringBuilder("pipelines:\n");
        for (int i = 0; i < 200; i++) {
            yaml.append("  - id: p")
                    .append(i)
                    .append('\n')
                    .append("    schedule: { type: cron, cron_expr: \"0/10 * * * * ?\", timezone: UTC }\n")
                    .append("    tasks:\n      - { id: noop, connector: noop, action: nothing }\n");
        }
        try (Setup setup = new Setup(yaml.toString())) {
            Thread.sleep(23_000); // two rounds of 200: the first warms up, the second counts
            List<Long> created = new ArrayList<>();
            List<Long> started = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                RunRecord second = setup.runs("p" + i).get(1);
                created.add(Duration.between(second.logicalTime().toInstant(), second.createdAt())
                        .toMillis());
                started.add(Duration.between(second.logicalTime().toInstant(), setup.firstTaskStarted(second.runId()))
                        .toMillis());
            }
            Collections.sort(created);
            Collections.sort(started);
            System.out.printf(
                    "200 pipelines due in the same second: all runs created within %d ms (p50 %d ms), "
                            + "every first task started within %d ms (p50 %d ms)%n",
                    created.get(created.size() - 1),
                    percentile(created, 50),
                    started.get(started.size() - 1),
                    percentile(started, 50));
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    /** An engine, a scheduler and a store, as the agent wires them. */
    private static final class Setup implements AutoCloseable {
        private final Path directory;
        private final Database database;
        private final JdbiRunStore store;
        private final RunExecutor executor;
        private final ScheduleService schedules;

        Setup(String yaml) throws Exception {
            directory = Files.createTempDirectory("punctuality");
            Path config = Files.createDirectory(directory.resolve("pipelines"));
            Files.writeString(config.resolve("p.yaml"), yaml);
            ObjectMapper json = JsonMapper.create();
            database = Database.embedded(directory.resolve("db"));
            store = new JdbiRunStore(database, json);
            ConnectorRegistry connectors = ConnectorRegistry.of(List.of(NoopConnector.class), Set.of(), json);
            PipelineRegistry pipelines = new PipelineRegistry(
                    config,
                    new PipelineConfigReader(
                            new PipelineLoader(EnvironmentLookup.of(Map.of())),
                            new Validator(Optional.of(connectors), Clock.systemUTC())));
            pipelines.reload();
            executor = new RunExecutor(
                    store,
                    new dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore(database),
                    connectors,
                    new EngineSettings(
                            Duration.ofSeconds(1),
                            config,
                            directory.resolve("out"),
                            directory.resolve("scratch"),
                            "bench",
                            ZoneId.of("UTC")),
                    Clock.systemUTC(),
                    RunObserver.NONE,
                    json);
            schedules = new ScheduleService(
                    pipelines,
                    executor,
                    new JdbiPipelineStateStore(database),
                    "bench",
                    Clock.systemUTC(),
                    ZoneId.of("UTC"),
                    Duration.ofSeconds(60),
                    handler -> TriggerScheduler.create(
                            database.dataSource(), false, "bench", false, Duration.ofSeconds(60), handler));
            schedules.start();
        }

        List<RunRecord> runs(String pipelineId) {
            return store.findRuns(pipelineId, 10_000);
        }

        java.time.Instant firstTaskStarted(String runId) {
            return store.findRun(runId).orElseThrow().tasks().get(0).startedAt().orElseThrow();
        }

        @Override
        public void close() {
            schedules.close();
            executor.close();
            database.close();
        }
    }
}
