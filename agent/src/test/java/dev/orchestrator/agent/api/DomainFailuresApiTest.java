package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.builtin.BuiltinConnectors;
import dev.orchestrator.agent.event.EventRouter;
import dev.orchestrator.agent.execute.EngineSettings;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiCancelRequestStore;
import dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore;
import dev.orchestrator.agent.store.jdbi.JdbiHistorySearch;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over real HTTP, with a real engine on a real (in-memory H2) database: a failure the domain names (a run still
 * running, an agent stopping) is a 409 that says so; an {@link IllegalStateException} nobody expected is a
 * programming error, answered 500 with a generic message, never a 409.
 */
class DomainFailuresApiTest {

    private static final String TOKEN = "t".repeat(40);
    private static final MediaType JSON = MediaType.get("application/json");

    @TempDir
    Path directory;

    private final OkHttpClient http =
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
    private final ObjectMapper json = JsonMapper.create();
    /** What asking whether a pipeline is paused throws, if anything: a fault in a collaborator of a handler. */
    private final AtomicReference<RuntimeException> pausedFails = new AtomicReference<>();

    private Database database;
    private RunExecutor executor;
    private ApiServer server;

    @BeforeEach
    void start() throws IOException {
        Path config = Files.createDirectories(directory.resolve("config"));
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: sleepy
                    tasks:
                      - { id: wait, connector: shell, action: run, action_kwargs: { command: "sleep 30" } }
                  - id: on_order
                    schedule: { type: event, event: order }
                    tasks:
                      - { id: t, connector: shell, action: run, action_kwargs: { command: "true" } }
                """);
        database = Database.inMemory("domain-failures-" + UUID.randomUUID());
        JdbiRunStore store = new JdbiRunStore(database, json);
        JdbiEventWaitStore waits = new JdbiEventWaitStore(database);
        ConnectorRegistry connectors =
                ConnectorRegistry.of(new ArrayList<>(BuiltinConnectors.classes()), Set.of(), json);
        Clock clock = Clock.systemUTC();
        executor = new RunExecutor(
                store,
                waits,
                connectors,
                new EngineSettings(
                        Duration.ofMillis(500),
                        config,
                        directory.resolve("outputs"),
                        directory.resolve("scratch"),
                        "test-agent",
                        ZoneId.of("UTC")),
                clock,
                RunObserver.NONE,
                json);
        PipelineRegistry pipelines = new PipelineRegistry(
                config,
                new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.of(connectors), clock)));
        pipelines.reload();
        EventRouter events = new EventRouter(
                waits,
                executor,
                pipelines,
                pipelineId -> {
                    RuntimeException failure = pausedFails.get();
                    if (failure != null) {
                        throw failure;
                    }
                    return false;
                },
                Duration.ofHours(1),
                clock,
                json);
        List<Route> routes = new ArrayList<>(new RunResources(
                        pipelines,
                        executor,
                        store,
                        new JdbiHistorySearch(database, json),
                        new JdbiCancelRequestStore(database),
                        "test-agent",
                        clock,
                        ZoneId.of("UTC"),
                        json)
                .routes());
        routes.addAll(new EventResources(events, ZoneId.of("UTC")).routes());
        server = ApiServer.start(
                "127.0.0.1",
                0,
                Optional.empty(),
                TOKEN,
                routes,
                JsonMapper.create().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE),
                SecretMasker::none);
    }

    @AfterEach
    void stop() {
        server.close();
        executor.close();
        database.close();
    }

    @Test
    void anUnexpectedIllegalStateExceptionInAHandlerIsAnInternalErrorNotAConflict() throws IOException {
        pausedFails.set(new IllegalStateException("the pause states were read before they were loaded"));

        Answer answer = post("/api/v1/events/order", "{\"key\": \"42\"}");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(500);
        assertThat(answer.body().get("error").asText()).isEqualTo("internal_error");
        // generic: the details are in the agent's log, not in the answer
        assertThat(answer.body().get("message").asText())
                .doesNotContain("pause states")
                .contains("see the agent log");
    }

    @Test
    void retryingARunThatIsStillRunningIsAConflictThatSaysSo() throws IOException {
        String runId = post("/trigger/sleepy", "{}").body().get("run_id").asText();

        Answer answer = post("/api/v1/runs/" + runId + "/retry", "");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
        assertThat(answer.body().get("error").asText()).isEqualTo("conflict");
        assertThat(answer.body().get("message").asText())
                .contains("run " + runId + " is still")
                .contains("cancel it or wait for it to finish before retrying");
    }

    @Test
    void aStoppingAgentAnswersThatItStartsNoNewRunsWithAConflict() throws IOException {
        executor.shutdown(Duration.ZERO);

        for (Answer answer : List.of(
                post("/trigger/sleepy", "{}"),
                post("/api/v1/events/order", "{}"),
                post("/api/v1/pipelines/sleepy/tasks/wait/test", "{}"))) {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
            assertThat(answer.body().get("error").asText()).isEqualTo("conflict");
            assertThat(answer.body().get("message").asText()).isEqualTo("the agent is stopping and starts no new runs");
        }
    }

    @Test
    void retryingARunThatDoesNotExistIsNotFound() throws IOException {
        Answer answer = post("/api/v1/runs/run_nope/retry", "");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("error").asText()).isEqualTo("not_found");
        assertThat(answer.body().get("message").asText()).isEqualTo("no run 'run_nope'");
    }

    private Answer post(String path, String body) throws IOException {
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + server.port() + path)
                .header("Authorization", "Bearer " + TOKEN)
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), json.readTree(response.body().string()));
        }
    }

    private record Answer(int status, JsonNode body) {}
}
