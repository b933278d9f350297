package dev.orchestrator.desktop.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import dev.orchestrator.desktop.session.LiveAgent;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;

/**
 * Drift between real agents: found by the pipelines' texts, shown side by side, and copied onto another agent through
 * its conflict-checked save once its own validation is shown and confirmed. The dialogs are answered by the test.
 */
class DriftModelTest {

    static String load(String greeting) {
        return """
                pipelines:
                  - id: load
                    labels: [nightly]
                    tasks:
                      - { id: say, connector: shell, action: run, action_kwargs: { command: echo, args: ["%s"] } }
                """.formatted(greeting);
    }

    private static final String SAME = """
            pipelines:
              - id: same
                tasks:
                  - { id: step, connector: shell, action: run, action_kwargs: { command: "true" } }
            """;

    /** The copy confirmations as the user answers them, and what they showed. */
    static final class Answers implements FleetDialogs {

        boolean copy;
        final List<CopyPreview> previews = new ArrayList<>();

        @Override
        public boolean confirmCopy(CopyPreview preview) {
            previews.add(preview);
            return copy;
        }

        @Override
        public boolean confirmAction(FleetAction action, String label, List<FleetTarget> targets) {
            throw new AssertionError("not asked here");
        }
    }

    private final Answers answers = new Answers();
    private final List<String> reported = new ArrayList<>();

    private DriftModel model(AgentSession... sessions) {
        for (AgentSession session : sessions) {
            session.refresh();
        }
        return new DriftModel(
                FXCollections.observableArrayList(sessions), Runnable::run, Runnable::run, answers, reported::add);
    }

    @Test
    void findsThePipelineWhoseTextDiffersWithTheAgentsOnEachSideAndShowsTheChangedLine() throws Exception {
        try (LiveAgent first = new LiveAgent(Map.of("load.yaml", load("v1"), "same.yaml", SAME));
                LiveAgent second = new LiveAgent(Map.of("load.yaml", load("v2"), "same.yaml", SAME))) {
            DriftModel model = model(first.session("east"), second.session("west"));

            model.check();

            assertThat(model.drifts()).singleElement().satisfies(drift -> {
                assertThat(drift.pipelineId()).isEqualTo("load");
                assertThat(drift.sides()).isEqualTo("east ≠ west");
                assertThat(drift.variants().get(0).text()).isEqualTo(load("v1"));
            });
            assertThat(model.statusProperty().get()).isEqualTo("2 pipelines on several agents: 1 drifted");
            assertThat(model.selectedProperty().get()).isEqualTo(model.drifts().get(0));
            assertThat(model.rows())
                    .filteredOn(row -> row.change() != SideBySide.Change.SAME)
                    .singleElement()
                    .satisfies(row -> {
                        assertThat(row.change()).isEqualTo(SideBySide.Change.CHANGED);
                        assertThat(row.left()).contains("\"v1\"");
                        assertThat(row.right()).contains("\"v2\"");
                        assertThat(row.leftNumber()).isEqualTo(5);
                    });
            assertThat(model.targets()).containsExactly("west");
            assertThat(model.targetProperty().get()).isEqualTo("west");
            assertThat(model.busyProperty().get()).isFalse();
        }
    }

    @Test
    void aCopyShowsTheTargetsValidationSavesOnlyOnceConfirmedAndTheDriftIsGone() throws Exception {
        try (LiveAgent first = new LiveAgent(Map.of("load.yaml", load("v1")));
                LiveAgent second = new LiveAgent(Map.of("load.yaml", load("v2")))) {
            AgentSession west = second.session("west");
            DriftModel model = model(first.session("east"), west);
            model.check();

            model.copy();

            assertThat(answers.previews).singleElement().satisfies(preview -> {
                assertThat(preview.pipelineId()).isEqualTo("load");
                assertThat(preview.target().agent()).isEqualTo("west");
                assertThat(preview.target().file()).isEqualTo("load.yaml");
                assertThat(preview.verdict().valid()).isTrue();
                assertThat(preview.verdict().pipelines()).containsExactly("load");
                assertThat(preview.changedLines()).isEqualTo(1);
            });
            assertThat(west.client().source("load").text())
                    .as("declined: nothing saved")
                    .isEqualTo(load("v2"));

            answers.copy = true;
            model.copy();

            assertThat(west.client().source("load").text()).isEqualTo(load("v1"));
            assertThat(model.drifts()).isEmpty();
            assertThat(model.statusProperty().get()).isEqualTo("1 pipeline on several agents: all the same");
            assertThat(reported).containsExactly("Copied load from east to west");
        }
    }

    @Test
    void aTextTheTargetFindsInvalidIsPreviewedWithItsErrorsAndNotCopied() throws Exception {
        try (LiveAgent first = new LiveAgent(Map.of("load.yaml", load("v1")));
                LiveAgent second = new LiveAgent(Map.of("load.yaml", load("v2")))) {
            // east resolves ${FLEET_GREETING} from the .env beside its pipelines; west has no such variable
            Files.writeString(first.directory.resolve("project").resolve(".env"), "FLEET_GREETING=hello\n");
            AgentClient east = first.session("east").client();
            east.saveSource(
                    "load", load("${FLEET_GREETING}"), east.source("load").version());
            AgentSession west = second.session("west");
            DriftModel model = model(first.session("east"), west);
            model.check();
            answers.copy = true;

            model.copy();

            assertThat(answers.previews).singleElement().satisfies(preview -> {
                assertThat(preview.allowed()).isFalse();
                assertThat(preview.verdict().diagnostics())
                        .anySatisfy(diagnostic -> assertThat(diagnostic.code()).isEqualTo("ENV001"));
            });
            assertThat(west.client().source("load").text()).isEqualTo(load("v2"));
            assertThat(reported).containsExactly("Not copied: west finds 1 error in the text");
            assertThat(model.busyProperty().get()).isFalse();
        }
    }

    @Test
    void anAgentThatDoesNotAnswerIsNamedAndLeftOutOfTheComparison() throws Exception {
        try (LiveAgent first = new LiveAgent(Map.of("load.yaml", load("v1")));
                LiveAgent second = new LiveAgent(Map.of("load.yaml", load("v2")));
                LiveAgent third = new LiveAgent(Map.of("load.yaml", load("v1")))) {
            DriftModel model = model(first.session("east"), second.session("west"), third.session("north"));
            second.stop();

            model.check();

            assertThat(model.drifts()).isEmpty();
            assertThat(model.statusProperty().get())
                    .isEqualTo("1 pipeline on several agents: all the same · not compared: west: unreachable: "
                            + "connection refused");
        }
    }

    private static String pipelines(String... ids) {
        List<String> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add("""
                    {"id":"%s","name":null,"schedule":"manual","next_run":null,"status":"active","labels":[]}""".formatted(id));
        }
        return "[" + String.join(",", rows) + "]";
    }

    private static String source(String text) {
        return "{\"pipeline_id\":\"load\",\"file\":\"load.yaml\",\"version\":\"%s\",\"text\":\"%s\"}"
                .formatted(Integer.toHexString(text.hashCode()), text.replace("\n", "\\n"));
    }

    @Test
    void agentsOfOneClusterShareTheirFilesHistoryAndAreComparedAsOne() throws Exception {
        try (FakeAgent first = new FakeAgent();
                FakeAgent second = new FakeAgent();
                FakeAgent laptop = new FakeAgent()) {
            for (FakeAgent agent : List.of(first, second, laptop)) {
                agent.answer("/pipelines", pipelines("load"));
            }
            first.inHistory("history-of-the-cluster", "agent-1").answer("/api/v1/pipelines/load/source", source("a\n"));
            second.inHistory("history-of-the-cluster", "agent-2")
                    .answer("/api/v1/pipelines/load/source", source("b\n"));
            laptop.inHistory("history-of-a-laptop", "laptop").answer("/api/v1/pipelines/load/source", source("a\n"));
            AgentSession one = first.session("one");
            AgentSession two = second.session("two");

            DriftModel cluster = model(one, two);
            cluster.check();

            assertThat(cluster.drifts()).as("one history: nothing to compare").isEmpty();
            assertThat(cluster.statusProperty().get()).isEqualTo("No pipeline is declared by several agents");

            DriftModel withLaptop = model(one, two, laptop.session("laptop"));
            withLaptop.check();

            assertThat(withLaptop.drifts())
                    .as("the cluster read through its first member")
                    .isEmpty();
            assertThat(withLaptop.statusProperty().get()).isEqualTo("1 pipeline on several agents: all the same");
        }
    }
}
