package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A scheduled fire whose parameters the pipeline's declarations refuse (a required one without a default) is not
 * run, says why, and costs nothing else: the other fires of its batch run, and no {@code max_instances} slot stays
 * taken. Before, the refusal was thrown out of the whole batch: every pipeline due at that moment lost its fire
 * and the slots taken for those before it were never given back.
 */
class ScheduledParamsTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    private static final String REFUSED = """
            pipelines:
              - id: refused
                schedule: { type: interval, interval_seconds: 60, max_instances: 1 }
                params:
                  day: { type: date }
                tasks:
                  - { id: only, connector: test, action: echo, action_kwargs: { value: 1 } }
            """;

    private static final String GOOD = """
            pipelines:
              - id: good
                schedule: { type: interval, interval_seconds: 60, max_instances: 1 }
                tasks:
                  - { id: only, connector: test, action: echo, action_kwargs: { value: 2 } }
            """;

    private static final ZonedDateTime FIRE =
            Instant.parse("2026-03-01T06:00:00Z").atZone(ZoneId.of("UTC"));

    @Test
    void aFireWhoseParametersAreRefusedIsNotRunAndSaysWhyWhileTheRestOfItsBatchRuns() throws Exception {
        Pipeline good = engine.pipeline(GOOD);
        Pipeline refused = engine.pipeline(REFUSED);
        // the refused pipeline comes first: before, what came after it in the batch was lost too
        List<ScheduledOutcome> outcomes =
                engine.executor.startScheduled(List.of(scheduled(refused), scheduled(good), scheduled(refused)));

        assertThat(outcomes)
                .extracting(ScheduledOutcome::kind)
                .containsExactly(
                        ScheduledOutcome.Kind.REFUSED, ScheduledOutcome.Kind.STARTED, ScheduledOutcome.Kind.REFUSED);
        assertThat(outcomes.get(0).reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("day"));
        assertThat(engine.await(outcomes.get(1).runId().orElseThrow())).isEqualTo(RunState.SUCCESS);
        assertThat(engine.executor.runningCount(refused.id()))
                .as("no max_instances slot kept by a refused fire")
                .isZero();
        assertThat(engine.store.findRuns(refused.id(), 10))
                .as("no run made for a refused fire")
                .isEmpty();
    }

    private RunExecutor.ScheduledStart scheduled(Pipeline pipeline) {
        new JdbiPipelineStateStore(engine.database)
                .claimFire(pipeline.id(), FIRE.toInstant(), "test-agent", Instant.now());
        return new RunExecutor.ScheduledStart(
                pipeline,
                new RunRequest(TriggerKind.SCHEDULE, Optional.of(FIRE), Map.of(), 0, Optional.empty()),
                engine.secrets());
    }
}
