package dev.orchestrator.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.builtin.BuiltinConnectors;
import dev.orchestrator.agent.execute.DeferredRunObserver;
import dev.orchestrator.agent.execute.EngineSettings;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunEvent;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.connector.HookEvent;
import dev.orchestrator.connector.HookHandler;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Hooks (SPEC 4): they run after the fact, and neither loops nor failures can hurt the run. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class HookRunnerTest {

    @TempDir
    Path directory;

    private Database database;
    private RunExecutor executor;
    private HookRunner hooks;
    private JdbiRunStore store;
    private PipelineRegistry pipelines;
    private final List<HookEvent> called = new CopyOnWriteArrayList<>();

    private void start(String yaml) throws Exception {
        Files.writeString(directory.resolve("p.yaml"), yaml);
        var json = JsonMapper.create();
        database = Database.inMemory("hooks-" + UUID.randomUUID());
        store = new JdbiRunStore(database, json);
        ConnectorRegistry connectors =
                ConnectorRegistry.of(BuiltinConnectors.classes(), Set.of("explode", "note"), json);
        pipelines = new PipelineRegistry(
                directory,
                new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.of(connectors), Clock.systemUTC())));
        pipelines.reload();
        DeferredRunObserver observer = new DeferredRunObserver();
        executor = new RunExecutor(
                store,
                new dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore(database),
                connectors,
                new EngineSettings(
                        Duration.ofMillis(300),
                        directory,
                        directory.resolve("out"),
                        directory.resolve("scratch"),
                        "test",
                        ZoneId.of("UTC")),
                Clock.systemUTC(),
                observer,
                json);
        HookHandler explode = event -> {
            throw new IllegalStateException("the pager is on fire");
        };
        HookHandler note = called::add;
        hooks = new HookRunner(pipelines, executor, store, Map.of("explode", explode, "note", note), Clock.systemUTC());
        observer.bind(hooks);
    }

    @AfterEach
    void stop() {
        if (hooks != null) {
            hooks.close();
            executor.close();
            database.close();
        }
    }

    @Test
    void aPipelineThatTriggersItselfIsCutAtDepthTenWithARecordedError() throws Exception {
        start("""
                pipelines:
                  - id: loop
                    params: { round: 1 }
                    on_success: "trigger:loop"
                    tasks:
                      - { id: say, connector: shell, action: run, action_kwargs: { command: "echo {{ params.round }}" } }
                """);
        String first = executor.start(
                pipelines.find("loop").orElseThrow(), RunRequest.manual(Map.of("round", 7)), pipelines.secrets());

        waitUntil(() -> store.findRuns("loop", 100).size() == 11
                && store.findRuns("loop", 100).stream()
                        .allMatch(run -> run.status().isTerminal())
                && hasEvent(store.findRuns("loop", 100).get(10).runId(), "trigger_refused"));

        List<RunRecord> runs = store.findRuns("loop", 100);
        assertThat(runs).hasSize(11).allSatisfy(run -> assertThat(run.status()).isEqualTo(RunState.SUCCESS));
        assertThat(runs.get(0).runId()).isEqualTo(first);
        assertThat(runs.subList(1, 11)).allSatisfy(run -> {
            assertThat(run.trigger()).isEqualTo(TriggerKind.HOOK);
            assertThat(run.params()).containsEntry("round", 7);
        });
        assertThat(runs).extracting(RunRecord::triggerDepth).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(runs.get(1).parentRunId()).contains(first);
        RunDetail last = store.findRun(runs.get(10).runId()).orElseThrow();
        assertThat(last.events()).extracting(RunEvent::kind).contains("trigger_refused");
        assertThat(last.events().stream()
                        .filter(event -> event.kind().equals("trigger_refused"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("more than 10");
        Thread.sleep(300); // time for a twelfth run, which must not come: the chain stops at depth 10
        assertThat(store.findRuns("loop", 100)).hasSize(11);
    }

    @Test
    void aThrowingHookIsRecordedAndLeavesTheRunAsItWas() throws Exception {
        start("""
                pipelines:
                  - id: fails
                    on_failure: "hook:explode"
                    tasks:
                      - { id: bad, connector: shell, action: run, action_kwargs: { command: "false" }, retry: { times: 0 }, on_failure: "hook:note" }
                  - id: works
                    on_success: "hook:explode"
                    tasks:
                      - { id: fine, connector: shell, action: run, action_kwargs: { command: "true" }, on_success: "hook:note" }
                """);
        String failing =
                executor.start(pipelines.find("fails").orElseThrow(), RunRequest.manual(Map.of()), pipelines.secrets());
        String working =
                executor.start(pipelines.find("works").orElseThrow(), RunRequest.manual(Map.of()), pipelines.secrets());

        waitUntil(() -> hasEvent(failing, "hook_failed") && hasEvent(working, "hook_failed") && called.size() == 2);

        RunDetail failed = store.findRun(failing).orElseThrow();
        RunDetail worked = store.findRun(working).orElseThrow();
        assertThat(failed.run().status()).isEqualTo(RunState.FAILED);
        assertThat(worked.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(worked.events()).anySatisfy(event -> {
            assertThat(event.kind()).isEqualTo("hook_failed");
            assertThat(event.message()).contains("hook:explode").contains("the pager is on fire");
        });
        assertThat(called)
                .extracting(HookEvent::taskId)
                .containsExactlyInAnyOrder(Optional.of("bad"), Optional.of("fine"));
        assertThat(called).extracting(HookEvent::status).containsExactlyInAnyOrder("failed", "success");
    }

    private boolean hasEvent(String runId, String kind) {
        return store.findRun(runId)
                .map(detail ->
                        detail.events().stream().anyMatch(event -> event.kind().equals(kind)))
                .orElse(false);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        await("the condition")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }
}
