package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled runs handed from the agent that fired them to a less busy one of its cluster (SPEC 11): created for
 * it, taken once, started there as if fired there; on the real engine and an in-memory H2 database.
 */
class ExecutorHandOverTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    private static final String PIPELINE = """
            pipelines:
              - id: nightly
                schedule: { type: interval, interval_seconds: 60, max_instances: 1 }
                tasks:
                  - { id: first, connector: test, action: echo, action_kwargs: { value: 1 } }
                  - { id: second, connector: test, action: echo, action_kwargs: { value: 2 }, depends_on: [first] }
            """;

    private static ZonedDateTime fire(int second) {
        return Instant.parse("2026-03-01T06:00:00Z").plusSeconds(second).atZone(ZoneId.of("UTC"));
    }

    private RunExecutor.ScheduledStart scheduled(Pipeline pipeline, ZonedDateTime fireTime, String claimedBy) {
        new JdbiPipelineStateStore(engine.database)
                .claimFire(pipeline.id(), fireTime.toInstant(), claimedBy, Instant.now());
        return new RunExecutor.ScheduledStart(
                pipeline,
                new RunRequest(TriggerKind.SCHEDULE, Optional.of(fireTime), Map.of(), 0, Optional.empty()),
                engine.secrets());
    }

    /** An executor of agent "firer" on the fixture's database whose placement hands every run to "test-agent". */
    private RunExecutor firer(RunPlacement placement) {
        EngineSettings settings = new EngineSettings(
                EngineFixture.GRACE,
                engine.directory,
                engine.directory.resolve("firer-outputs"),
                engine.directory.resolve("firer-scratch"),
                "firer",
                ZoneId.of("UTC"));
        return new RunExecutor(
                engine.store,
                engine.waits,
                engine.connectors,
                settings,
                Clock.systemUTC(),
                new RunObserver() {},
                JsonMapper.create(),
                placement);
    }

    private static RunPlacement handingTo(String agentId) {
        return new RunPlacement() {
            @Override
            public Optional<String> elsewhere(int activeHere) {
                return Optional.of(agentId);
            }

            @Override
            public java.util.OptionalInt runsInCluster(String pipelineId) {
                return java.util.OptionalInt.of(0); // nothing in the store counts: only the batch itself
            }
        };
    }

    @Test
    void aFireSkippedForTheClustersRunsSaysHowManyTheDecisionCounted() throws Exception {
        Pipeline pipeline = engine.pipeline(PIPELINE);
        RunPlacement twoGoingElsewhere = new RunPlacement() {
            @Override
            public Optional<String> elsewhere(int activeHere) {
                return Optional.empty();
            }

            @Override
            public java.util.OptionalInt runsInCluster(String pipelineId) {
                return java.util.OptionalInt.of(2); // runs of other agents: none here
            }
        };
        try (RunExecutor firer = firer(twoGoingElsewhere)) {
            List<ScheduledOutcome> outcomes = firer.startScheduled(List.of(scheduled(pipeline, fire(0), "firer")));

            assertThat(outcomes).singleElement().satisfies(outcome -> {
                assertThat(outcome.kind()).isEqualTo(ScheduledOutcome.Kind.SKIPPED_BUSY);
                assertThat(outcome.busy()).contains(new ScheduledOutcome.Busy(2, true));
            });
            assertThat(firer.runningCount(pipeline.id()))
                    .as("what the old message counted")
                    .isZero();
        }
        assertThat(dev.orchestrator.agent.schedule.FireClaimsAccess.skippedMessage(
                        new ScheduledOutcome.Busy(2, true), 1))
                .isEqualTo("not run: 2 run(s) of it still going in the cluster and max_instances is 1");
        assertThat(dev.orchestrator.agent.schedule.FireClaimsAccess.skippedMessage(
                        new ScheduledOutcome.Busy(1, false), 1))
                .isEqualTo("not run: 1 run(s) of it still going and max_instances is 1");
    }

    @Test
    void aRunHandedOverIsCreatedQueuedForTheOtherAgentWhichStartsItOnceAndRunsItToTheEnd() throws Exception {
        Pipeline pipeline = engine.pipeline(PIPELINE);
        try (RunExecutor firer = firer(handingTo("test-agent"))) {
            List<ScheduledOutcome> outcomes = firer.startScheduled(List.of(scheduled(pipeline, fire(0), "firer")));

            assertThat(outcomes)
                    .singleElement()
                    .satisfies(outcome -> assertThat(outcome.kind()).isEqualTo(ScheduledOutcome.Kind.HANDED_OVER));
            String runId = outcomes.get(0).runId().orElseThrow();
            RunRecord created = engine.store.findRun(runId).orElseThrow().run();
            assertThat(created.status()).isEqualTo(RunState.QUEUED);
            assertThat(created.agentId()).isEqualTo("test-agent");
            assertThat(firer.activeRunCount())
                    .as("nothing runs on the agent that fired")
                    .isZero();

            assertThat(engine.executor.startHandedOver(id -> Optional.of(pipeline), engine.secrets()))
                    .containsExactly(runId);
            assertThat(engine.executor.startHandedOver(id -> Optional.of(pipeline), engine.secrets()))
                    .as("taken once")
                    .isEmpty();
            assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
            RunRecord ended = engine.store.findRun(runId).orElseThrow().run();
            assertThat(ended.trigger()).isEqualTo(TriggerKind.SCHEDULE);
            assertThat(ended.logicalTime().toInstant()).isEqualTo(fire(0).toInstant());
            assertThat(ended.startedAt()).isPresent();
        }
    }

    @Test
    void maxInstancesCountsTheRunsOfTheSameBatchHandedOver() {
        Pipeline pipeline = engine.pipeline(PIPELINE);
        try (RunExecutor firer = firer(handingTo("test-agent"))) {
            List<ScheduledOutcome> outcomes = firer.startScheduled(
                    List.of(scheduled(pipeline, fire(0), "firer"), scheduled(pipeline, fire(1), "firer")));

            assertThat(outcomes)
                    .extracting(ScheduledOutcome::kind)
                    .containsExactly(ScheduledOutcome.Kind.HANDED_OVER, ScheduledOutcome.Kind.SKIPPED_BUSY);
        }
    }

    @Test
    void aRunHandedToAnAgentWhosePipelineDiffersEndsCrashedSayingSo() throws Exception {
        Pipeline pipeline = engine.pipeline(PIPELINE);
        Pipeline other =
                engine.pipeline(PIPELINE.replace("id: second", "id: renamed").replace("[first]", "[first]"));
        try (RunExecutor firer = firer(handingTo("test-agent"))) {
            String runId = firer.startScheduled(List.of(scheduled(pipeline, fire(0), "firer")))
                    .get(0)
                    .runId()
                    .orElseThrow();

            assertThat(engine.executor.startHandedOver(id -> Optional.of(other), engine.secrets()))
                    .isEmpty();

            RunRecord crashed = engine.store.findRun(runId).orElseThrow().run();
            assertThat(crashed.status()).isEqualTo(RunState.CRASHED);
            assertThat(crashed.reason().orElseThrow())
                    .contains("handed to agent test-agent", "give every agent of the cluster the same pipeline files");
            assertThat(engine.store.handedOverRuns("test-agent")).isEmpty();
        }
    }
}
