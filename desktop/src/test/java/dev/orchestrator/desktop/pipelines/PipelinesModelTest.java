package dev.orchestrator.desktop.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import dev.orchestrator.desktop.session.LiveAgent;
import dev.orchestrator.desktop.session.RunRef;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;

/**
 * Pipelines of all agents with their last run, the filter, the trigger dialog's parameters, and the actions
 * (trigger, pause, resume, backfill) on a real agent, the dialogs answered by the test.
 */
class PipelinesModelTest {

    private static final String NIGHTLY = """
            pipelines:
              - id: nightly
                name: Nightly
                schedule: { type: cron, cron_expr: "0 6 * * *" }
                tasks:
                  - { id: load, connector: shell, action: run, action_kwargs: { command: "true" } }
            """;
    private static final Clock NOVEMBER_21 = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    /** The dialogs as the user answers them, and what the model asked. */
    private static final class Answers implements PipelineDialogs {

        Optional<Map<String, Object>> parameters = Optional.empty();
        Optional<Days> days = Optional.empty();
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<Map<String, Object>> askParameters(PipelinesModel.Item item) {
            asked.add("parameters of " + item.pipeline().id());
            return parameters;
        }

        @Override
        public Optional<Days> askBackfillDays(PipelinesModel.Item item, LocalDate from, LocalDate to) {
            asked.add("days of " + item.pipeline().id() + " from " + from + " to " + to);
            return days;
        }

        @Override
        public boolean confirmRestore(
                String pipelineId, dev.orchestrator.api.PipelineRevisionDto revision, String diff) {
            asked.add("restore " + revision.revision() + " of " + pipelineId);
            return false;
        }
    }

    private final Answers answers = new Answers();
    private final List<RunRef> opened = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();

    private PipelinesModel onAgent(AgentSession session) {
        PipelinesModel model = new PipelinesModel(
                FXCollections.observableArrayList(session),
                NOVEMBER_21,
                Runnable::run,
                answers,
                opened::add,
                reported::add);
        session.refresh();
        model.selectedProperty().set(model.shown().get(0));
        return model;
    }

    @Test
    void triggerAsksForParametersStartsTheRunOnTheAgentAndOpensIt() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("nightly.yaml", NIGHTLY))) {
            AgentSession session = agent.session("prod");
            PipelinesModel model = onAgent(session);
            answers.parameters = Optional.of(Map.of("region", "north", "limit", 100));

            model.trigger();

            assertThat(answers.asked).containsExactly("parameters of nightly");
            assertThat(opened)
                    .singleElement()
                    .satisfies(ref -> assertThat(ref.agent()).isEqualTo("prod"));
            RunDto run = session.client().run(opened.get(0).runId());
            assertThat(run.pipelineId()).isEqualTo("nightly");
            assertThat(run.params()).containsEntry("region", "north").containsEntry("limit", 100);
            assertThat(session.runs())
                    .as("read again after the trigger")
                    .extracting(RunDto::runId)
                    .contains(run.runId());
            assertThat(reported).isEmpty();
        }
    }

    @Test
    void aCancelledTriggerDialogStartsNothing() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("nightly.yaml", NIGHTLY))) {
            AgentSession session = agent.session("prod");
            PipelinesModel model = onAgent(session);

            model.trigger();

            assertThat(answers.asked).containsExactly("parameters of nightly");
            assertThat(opened).isEmpty();
            assertThat(session.client().runs(Map.of(), 1, 10).total()).isZero();
        }
    }

    @Test
    void pausesAndResumesThePipelineOnItsAgent() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("nightly.yaml", NIGHTLY))) {
            PipelinesModel model = onAgent(agent.session("prod"));
            assertThat(model.canPauseProperty().get()).isTrue();
            assertThat(model.canResumeProperty().get()).isFalse();

            model.pause();

            assertThat(model.shown().get(0).pipeline().paused()).isTrue();
            model.selectedProperty().set(model.shown().get(0));
            assertThat(model.canPauseProperty().get()).isFalse();
            assertThat(model.canResumeProperty().get()).isTrue();

            model.resume();

            assertThat(model.shown().get(0).pipeline().paused()).isFalse();
            assertThat(reported).isEmpty();
        }
    }

    @Test
    void backfillProposesTheLastWeekAndSaysHowManyRunsItStarted() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("nightly.yaml", NIGHTLY))) {
            AgentSession session = agent.session("prod");
            PipelinesModel model = onAgent(session);
            answers.days = Optional.of(new PipelineDialogs.Days(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3)));

            model.backfill();

            assertThat(answers.asked).containsExactly("days of nightly from 2026-11-14 to 2026-11-20");
            assertThat(reported).containsExactly("Backfill of nightly started 3 runs");
            assertThat(session.client().runs(Map.of(), 1, 10).items())
                    .extracting(RunDto::trigger)
                    .containsExactly("backfill", "backfill", "backfill");
        }
    }

    @Test
    void anAgentThatDoesNotAnswerIsReportedWithWhatFailed() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("nightly.yaml", NIGHTLY))) {
            PipelinesModel model = onAgent(agent.session("prod"));
            agent.stop();

            model.pause();

            assertThat(reported).singleElement().asString().startsWith("Pause nightly failed: ");
        }
    }

    @Test
    void opensTheLastRunOfTheSelectedPipeline() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("nightly.yaml", NIGHTLY))) {
            AgentSession session = agent.session("prod");
            PipelinesModel model = onAgent(session);
            assertThat(model.canOpenLastRunProperty().get()).isFalse();
            String runId = session.client().trigger("nightly", Map.of());
            session.refresh();
            model.selectedProperty().set(model.shown().get(0));

            model.openLastRun();

            assertThat(opened).containsExactly(new RunRef("prod", runId));
        }
    }

    @Test
    void listsEveryAgentsPipelinesWithTheirLastRunAndFilters() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("/pipelines", """
                    [{"id":"nightly","name":"Nightly sales","schedule":"0 6 * * * (at 06:00)","next_run":null,
                      "status":"paused","labels":["sales"]},
                     {"id":"hourly","name":"Hourly","schedule":"every 3600 s","next_run":null,"status":"active","labels":[]}]""").answer("/api/v1/runs", """
                    {"items":[{"run_id":"r9","pipeline_id":"nightly","status":"failed","trigger":"schedule",
                      "logical_time":"2026-11-21T06:00Z","created_at":"2026-11-21T06:00Z","params":{}},
                     {"run_id":"r8","pipeline_id":"nightly","status":"success","trigger":"schedule",
                      "logical_time":"2026-11-20T06:00Z","created_at":"2026-11-20T06:00Z","params":{}}],
                     "page":1,"size":100,"total":2}""");
            AgentSession session = agent.session("prod");
            PipelinesModel model = new PipelinesModel(
                    FXCollections.observableArrayList(session),
                    Clock.systemUTC(),
                    Runnable::run,
                    new Answers(),
                    new ArrayList<>()::add,
                    new ArrayList<>()::add);
            session.refresh();

            assertThat(model.shown()).extracting(item -> item.pipeline().id()).containsExactly("nightly", "hourly");
            assertThat(model.shown().get(0).lastState()).isEqualTo("failed");
            assertThat(model.shown().get(1).lastRun()).isEmpty();
            assertThat(model.shown().get(0).pipeline().paused()).isTrue();

            model.filterProperty().set("SALES");
            assertThat(model.shown()).extracting(item -> item.pipeline().id()).containsExactly("nightly");
            model.filterProperty().set("prod");
            assertThat(model.shown()).hasSize(2);
            model.filterProperty().set("nothing like it");
            assertThat(model.shown()).isEmpty();
        }
    }

    @Test
    void readsParametersAsJsonWhenTheyAreAndTextOtherwise() {
        Map<String, Object> params = PipelinesModel.parseParams("""
                region = north
                limit=100
                # a comment
                dry_run=true
                day=2024-03-15
                tags=["a","b"]
                empty=
                """);
        assertThat(params)
                .containsExactly(
                        Map.entry("region", "north"),
                        Map.entry("limit", 100),
                        Map.entry("dry_run", true),
                        Map.entry("day", "2024-03-15"),
                        Map.entry("tags", List.of("a", "b")),
                        Map.entry("empty", ""));
        assertThatThrownBy(() -> PipelinesModel.parseParams("region north"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("name=value");
    }
}
