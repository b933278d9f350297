package dev.orchestrator.desktop.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentProfile;
import dev.orchestrator.desktop.session.AgentSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor's model opening one agent pipeline after another, without the toolkit: against a real agent, with
 * the I/O and UI work queued and run by the test in the order each case needs.
 */
class EditorModelTest {

    private static final String ALPHA = """
            pipelines:
              - id: alpha
                tasks:
                  - { id: first, connector: shell, action: run, action_kwargs: { command: echo, args: ["alpha"] } }
            """;
    private static final String BETA = """
            pipelines:
              - id: beta
                tasks:
                  - { id: second, connector: shell, action: run, action_kwargs: { command: echo, args: ["beta"] } }
            """;

    @TempDir
    Path directory;

    private Path pipelines;
    private Agent agent;
    private AgentSession session;
    private final BlockingDeque<Runnable> io = new LinkedBlockingDeque<>();
    private final BlockingDeque<Runnable> ui = new LinkedBlockingDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private EditorModel model;
    private final List<String> messages = new ArrayList<>();

    /** The code pane as the view keeps it: the text of the document it was last given a new opening of. */
    private EditorModel.Document shown;

    private String pane = "";

    @BeforeEach
    void start() throws Exception {
        pipelines = Files.createDirectories(directory.resolve("pipelines"));
        Files.writeString(pipelines.resolve("alpha.yaml"), ALPHA);
        Files.writeString(pipelines.resolve("beta.yaml"), BETA);
        Path home = directory.resolve("home");
        agent = Agent.start(
                new AgentConfig(
                        home,
                        pipelines,
                        directory.resolve("connectors"),
                        "127.0.0.1",
                        0,
                        Optional.empty(),
                        30,
                        Duration.ofMillis(500),
                        ZoneId.of("UTC"),
                        "editor-model-test",
                        AgentConfig.DEFAULT_MISFIRE_THRESHOLD),
                "test",
                Clock.systemUTC());
        String token = Files.readString(home.resolve("token")).strip();
        session = new AgentSession(
                new AgentClient(
                        new AgentProfile("local", "http://127.0.0.1:" + agent.port() + "/", token), new OkHttpClient()),
                Runnable::run,
                Runnable::run,
                timer,
                Clock.systemUTC());
        model = new EditorModel(io::add, ui::add, timer, Clock.systemUTC());
        shown = model.documentProperty().get();
        model.documentProperty().addListener((observable, old, now) -> {
            if (!now.isSameOpening(shown)) {
                shown = now;
                pane = now.text();
            }
        });
    }

    @AfterEach
    void stop() {
        session.close();
        agent.close();
        timer.shutdownNow();
    }

    /** Runs the queued work, I/O before UI, until none is left. */
    private void settle() {
        for (Runnable next = next(); next != null; next = next()) {
            next.run();
        }
    }

    private Runnable next() {
        Runnable work = io.pollFirst();
        return work != null ? work : ui.pollFirst();
    }

    private void open(String pipelineId) {
        model.openFromAgent(session, pipelineId, messages::add);
    }

    private static String fileOf(EditorModel.Document document) {
        return ((EditorModel.AgentFile) document.origin()).file();
    }

    @Test
    void openingAThenBGivesBsNameWithBsTextAndAKeystrokeThenSaveWritesBsTextWithIt() throws Exception {
        List<EditorModel.Document> seen = new ArrayList<>();
        model.documentProperty().addListener((observable, old, now) -> seen.add(now));

        open("alpha");
        settle();
        assertThat(pane).isEqualTo(ALPHA);
        open("beta");
        settle();

        assertThat(pane).isEqualTo(BETA);
        assertThat(seen)
                .allSatisfy(document -> assertThat(document.text())
                        .contains("id: " + fileOf(document).replace(".yaml", "")));
        assertThat(model.edit(shown, pane + "#")).isTrue();
        assertThat(model.dirtyProperty().get()).isTrue();
        model.save(messages::add, messages::add);
        settle();

        assertThat(messages).containsExactly("Saved beta.yaml on local");
        assertThat(Files.readString(pipelines.resolve("beta.yaml"))).isEqualTo(BETA + "#");
        assertThat(Files.readString(pipelines.resolve("alpha.yaml"))).isEqualTo(ALPHA);
        assertThat(model.dirtyProperty().get()).isFalse();
    }

    @Test
    void aMisspeltActionArgumentIsFlaggedAtItsKeyWithTheAgentsParameters() {
        open("alpha");
        settle();

        model.edit(shown, ALPHA.replace("command: echo", "comand: echo"));
        model.checkNow();
        settle();

        assertThat(model.diagnostics()).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("CON003");
            assertThat(diagnostic.line()).isEqualTo(4);
            assertThat(diagnostic.message()).contains("'comand'").contains("did you mean 'command'?");
            assertThat(diagnostic.hint()).contains("command, args, env, cwd, data");
        });
    }

    @Test
    void aChangeEventOfTheTextThatWasReplacedIsNotTakenAsAnEditOfTheNewFile() {
        open("alpha");
        settle();
        EditorModel.Document alpha = model.documentProperty().get();
        open("beta");
        settle();

        assertThat(model.edit(alpha, ALPHA + "#")).isFalse();

        assertThat(model.textProperty().get()).isEqualTo(BETA);
        assertThat(fileOf(model.documentProperty().get())).isEqualTo("beta.yaml");
        assertThat(model.dirtyProperty().get()).isFalse();
    }

    @Test
    void anAnswerToAnEarlierOpenThatArrivesLastDoesNotReplaceTheFileOpenedSince() {
        open("alpha");
        Runnable readAlpha = io.pollFirst();
        open("beta");
        settle();
        readAlpha.run();
        settle();

        assertThat(fileOf(model.documentProperty().get())).isEqualTo("beta.yaml");
        assertThat(pane).isEqualTo(BETA);
    }

    @Test
    void aSaveThatEndsAfterAnotherFileWasOpenedWritesItsOwnFileAndLeavesTheNewOneAsItIs() throws Exception {
        open("alpha");
        settle();
        model.edit(shown, pane + "#");
        model.save(messages::add, messages::add);
        Runnable saving = io.pollFirst();
        open("beta");
        settle();
        saving.run();
        settle();

        assertThat(Files.readString(pipelines.resolve("alpha.yaml"))).isEqualTo(ALPHA + "#");
        EditorModel.Document open = model.documentProperty().get();
        assertThat(fileOf(open)).isEqualTo("beta.yaml");
        assertThat(open.text()).isEqualTo(BETA);
        assertThat(open.savedText()).isEqualTo(BETA);
        assertThat(pane).isEqualTo(BETA);
    }
}
