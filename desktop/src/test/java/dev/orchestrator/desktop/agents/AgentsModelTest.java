package dev.orchestrator.desktop.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.desktop.client.AgentProfile;
import dev.orchestrator.desktop.session.AgentHealth;
import dev.orchestrator.desktop.session.AgentProfileStore;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.LiveAgent;
import dev.orchestrator.desktop.session.LocalAgent;
import dev.orchestrator.desktop.session.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding, editing and removing agents, and starting the local one, through a real workspace and a real agent;
 * the dialogs answered by the test.
 */
class AgentsModelTest {

    private static final String PIPELINES = """
            pipelines:
              - id: loads
                tasks:
                  - { id: load, connector: shell, action: run, action_kwargs: { command: "true" } }
            """;

    @TempDir
    Path directory;

    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final Answers answers = new Answers();
    private Workspace workspace;

    /** The dialogs as the user answers them. */
    private static final class Answers implements AgentDialogs {

        Optional<AgentProfile> profile = Optional.empty();
        Optional<Path> folder = Optional.empty();
        AgentProfile shownProfile;

        @Override
        public Optional<AgentProfile> askProfile(AgentProfile current) {
            shownProfile = current;
            return profile;
        }

        @Override
        public Optional<Path> askPipelinesFolder() {
            return folder;
        }
    }

    private AgentsModel model(Path localHome) {
        workspace = new Workspace(
                new AgentProfileStore(directory.resolve("console").resolve("agents.json")),
                new LocalAgent(localHome),
                io,
                Runnable::run,
                timer,
                Clock.systemUTC(),
                (session, event) -> {});
        return new AgentsModel(workspace, new AgentStarter(localHome), answers, Runnable::run, timer, reported::add);
    }

    @AfterEach
    void close() {
        if (workspace != null) {
            workspace.close();
        }
        timer.shutdownNow();
        io.shutdownNow();
    }

    private static void awaitHealth(AgentSession session, AgentHealth health) {
        await(session.name() + " to be " + health)
                .atMost(Duration.ofSeconds(20))
                .until(() -> session.healthProperty().get() == health);
    }

    @Test
    void addsTheAgentTheUserDescribesSavesItAndConnects() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("pipelines.yaml", PIPELINES))) {
            AgentsModel model = model(directory.resolve("no-local-agent"));
            answers.profile = Optional.of(agent.profile("prod"));

            model.add();

            assertThat(answers.shownProfile).as("a new agent: an empty form").isNull();
            assertThat(model.sessions()).extracting(AgentSession::name).containsExactly("prod");
            assertThat(new AgentProfileStore(model.profilesFile()).load()).containsExactly(agent.profile("prod"));
            awaitHealth(model.sessions().get(0), AgentHealth.ONLINE);
            assertThat(reported).isEmpty();
        }
    }

    @Test
    void editingTheSelectedAgentReconnectsWithWhatTheUserChanged() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("pipelines.yaml", PIPELINES))) {
            AgentsModel model = model(directory.resolve("no-local-agent"));
            answers.profile = Optional.of(agent.profile("prod"));
            model.add();
            model.selectedProperty().set(model.sessions().get(0));
            AgentProfile wrongToken =
                    new AgentProfile("prod", agent.profile("prod").url(), "not-the-token");
            answers.profile = Optional.of(wrongToken);

            model.edit();

            assertThat(answers.shownProfile)
                    .as("the form shows the agent as it is")
                    .isEqualTo(agent.profile("prod"));
            assertThat(model.sessions())
                    .singleElement()
                    .satisfies(session -> assertThat(session.profile()).isEqualTo(wrongToken));
            awaitHealth(model.sessions().get(0), AgentHealth.STALE);
            assertThat(model.sessions().get(0).problemProperty().get()).contains("refused the token");
            assertThat(new AgentProfileStore(model.profilesFile()).load()).containsExactly(wrongToken);
        }
    }

    @Test
    void removingTheSelectedAgentForgetsIt() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("pipelines.yaml", PIPELINES))) {
            AgentsModel model = model(directory.resolve("no-local-agent"));
            answers.profile = Optional.of(agent.profile("prod"));
            model.add();
            model.selectedProperty().set(model.sessions().get(0));

            model.remove();

            assertThat(model.sessions()).isEmpty();
            assertThat(new AgentProfileStore(model.profilesFile()).load()).isEmpty();
        }
    }

    @Test
    void aCancelledFormChangesNothing() {
        AgentsModel model = model(directory.resolve("no-local-agent"));

        model.add();
        model.startLocal();

        assertThat(model.sessions()).isEmpty();
        assertThat(model.profilesFile()).doesNotExist();
        assertThat(reported).isEmpty();
    }

    @Test
    void anAgentThatCannotBeSavedIsReportedWithWhere() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("pipelines.yaml", PIPELINES))) {
            AgentsModel model = model(directory.resolve("no-local-agent"));
            Files.writeString(directory.resolve("console"), "a file where the console's folder should be");
            answers.profile = Optional.of(agent.profile("prod"));

            model.add();

            assertThat(reported)
                    .singleElement()
                    .asString()
                    .contains("cannot save the console's agents to")
                    .contains(directory.resolve("console").toString());
        }
    }

    @Test
    void theLocalAgentStartedFromTheConsoleIsConnectedOnceItPublishedItsAddress() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("pipelines.yaml", PIPELINES))) {
            // the command the console starts: here one that returns at once, the agent being up already
            String before = System.setProperty("orchestrator.command", "true");
            try {
                AgentsModel model = model(agent.home);
                answers.folder = Optional.of(agent.pipelines);

                model.startLocal();

                assertThat(reported)
                        .containsExactly(
                                "Starting the local agent on " + agent.pipelines + "; it appears here within seconds");
                await("the local agent to be connected")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> model.sessions().stream()
                                .anyMatch(session -> session.name().equals("local")));
                awaitHealth(model.sessions().get(0), AgentHealth.ONLINE);
            } finally {
                if (before == null) {
                    System.clearProperty("orchestrator.command");
                } else {
                    System.setProperty("orchestrator.command", before);
                }
            }
        }
    }
}
