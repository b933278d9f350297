package dev.orchestrator.desktop.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.PipelineRow;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.LiveAgent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;

/**
 * Pause, resume and trigger by label across real agents, confirmed by the test; an agent down fails alone and says
 * why.
 */
class FleetActionsModelTest {

    static final String EAST = """
            pipelines:
              - id: load
                labels: [nightly, sales]
                tasks:
                  - { id: step, connector: shell, action: run, action_kwargs: { command: "true" } }
              - id: adhoc
                labels: [manual]
                tasks:
                  - { id: step, connector: shell, action: run, action_kwargs: { command: "true" } }
            """;
    static final String WEST = """
            pipelines:
              - id: export
                labels: [nightly]
                tasks:
                  - { id: step, connector: shell, action: run, action_kwargs: { command: "true" } }
            """;

    /** The confirmations as the user answers them, and what they listed. */
    private static final class Answers implements FleetDialogs {

        boolean confirm = true;
        final List<String> asked = new ArrayList<>();

        @Override
        public boolean confirmCopy(CopyPreview preview) {
            throw new AssertionError("not asked here");
        }

        @Override
        public boolean confirmAction(FleetAction action, String label, List<FleetTarget> targets) {
            asked.add(action.verb() + " " + label + ": "
                    + targets.stream()
                            .map(target -> target.agent() + "/" + target.pipelineId())
                            .collect(Collectors.joining(", ")));
            return confirm;
        }
    }

    private final Answers answers = new Answers();
    private final List<String> reported = new ArrayList<>();

    private FleetActionsModel model(AgentSession... sessions) {
        for (AgentSession session : sessions) {
            session.refresh();
        }
        return new FleetActionsModel(
                FXCollections.observableArrayList(sessions), Runnable::run, Runnable::run, answers, reported::add);
    }

    private static Map<String, String> states(AgentClient client) {
        return client.pipelines().stream().collect(Collectors.toMap(PipelineRow::id, PipelineRow::status));
    }

    private static String row(FleetOutcome outcome) {
        return outcome.agent() + "/" + outcome.pipelineId() + " " + outcome.done() + " " + outcome.message();
    }

    @Test
    void listsEveryLabelOnceAndThePipelinesCarryingTheChosenOne() throws Exception {
        try (LiveAgent east = new LiveAgent(Map.of("east.yaml", EAST));
                LiveAgent west = new LiveAgent(Map.of("west.yaml", WEST))) {
            FleetActionsModel model = model(east.session("east"), west.session("west"));

            assertThat(model.labels()).containsExactly("manual", "nightly", "sales");
            assertThat(model.targets()).isEmpty();

            model.labelProperty().set("nightly");

            assertThat(model.targets())
                    .containsExactly(
                            new FleetTarget("east", "load", "active"), new FleetTarget("west", "export", "active"));
        }
    }

    @Test
    void pausesByLabelOnEveryAgentAndAnAgentDownFailsAloneSayingWhy() throws Exception {
        try (LiveAgent east = new LiveAgent(Map.of("east.yaml", EAST));
                LiveAgent west = new LiveAgent(Map.of("west.yaml", WEST))) {
            AgentSession eastSession = east.session("east");
            FleetActionsModel model = model(eastSession, west.session("west"));
            model.labelProperty().set("nightly");
            west.stop();

            model.apply(FleetAction.PAUSE);

            assertThat(answers.asked).containsExactly("Pause nightly: east/load, west/export");
            assertThat(model.outcomes())
                    .extracting(FleetActionsModelTest::row)
                    .containsExactlyInAnyOrder(
                            "east/load true paused", "west/export false unreachable: connection refused");
            assertThat(states(eastSession.client()))
                    .containsEntry("load", "paused")
                    .containsEntry("adhoc", "active");
            assertThat(model.runningProperty().get()).isFalse();
            assertThat(model.summaryProperty().get()).isEqualTo("Pause: 1 of 2 done, 1 failed");
            assertThat(model.targets())
                    .as("the agent read again after the action")
                    .contains(new FleetTarget("east", "load", "paused"));
        }
    }

    @Test
    void resumeAndTriggerActOnEveryPipelineCarryingTheLabel() throws Exception {
        try (LiveAgent east = new LiveAgent(Map.of("east.yaml", EAST));
                LiveAgent west = new LiveAgent(Map.of("west.yaml", WEST))) {
            AgentSession eastSession = east.session("east");
            AgentSession westSession = west.session("west");
            eastSession.client().pause("load");
            westSession.client().pause("export");
            FleetActionsModel model = model(eastSession, westSession);
            model.labelProperty().set("nightly");

            model.apply(FleetAction.RESUME);

            assertThat(model.outcomes())
                    .extracting(FleetActionsModelTest::row)
                    .containsExactly("east/load true resumed", "west/export true resumed");
            assertThat(states(eastSession.client())).containsEntry("load", "active");
            assertThat(states(westSession.client())).containsEntry("export", "active");

            model.apply(FleetAction.TRIGGER);

            assertThat(model.outcomes())
                    .allSatisfy(outcome -> assertThat(outcome.message()).matches("run \\S+ started"));
            assertThat(eastSession
                            .client()
                            .runs(Map.of("pipeline", "load"), 1, 10)
                            .total())
                    .isEqualTo(1);
            assertThat(westSession
                            .client()
                            .runs(Map.of("pipeline", "export"), 1, 10)
                            .total())
                    .isEqualTo(1);
            assertThat(eastSession
                            .client()
                            .runs(Map.of("pipeline", "adhoc"), 1, 10)
                            .total())
                    .isZero();
        }
    }

    @Test
    void nothingIsDoneWhenTheUserDeclines() throws Exception {
        try (LiveAgent east = new LiveAgent(Map.of("east.yaml", EAST))) {
            AgentSession session = east.session("east");
            FleetActionsModel model = model(session);
            model.labelProperty().set("sales");
            answers.confirm = false;

            model.apply(FleetAction.PAUSE);

            assertThat(answers.asked).containsExactly("Pause sales: east/load");
            assertThat(model.outcomes()).isEmpty();
            assertThat(states(session.client())).containsEntry("load", "active");
        }
    }
}
