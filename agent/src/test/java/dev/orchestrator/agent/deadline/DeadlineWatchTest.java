package dev.orchestrator.agent.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.notify.AlertDispatcher;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiDeadlineStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.testsupport.MovableClock;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The watch's marks: a pipeline that gains a deadline while the agent runs is checked from then on, not before. */
class DeadlineWatchTest {

    private static final Instant T0 = Instant.parse("2099-01-01T10:30:00Z");

    @Test
    void aPipelineThatGainsADeadlineWhileTheAgentRunsIsCheckedFromThenOnNotFromItsOldMark() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        Database database = Database.inMemory("deadline-watch-" + java.util.UUID.randomUUID());
        try (MockWebServer webhook = new MockWebServer()) {
            webhook.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    try {
                        received.add(json.readTree(request.getBody().utf8()));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return new MockResponse.Builder().code(200).build();
                }
            });
            webhook.start(0);
            JdbiDeadlineStore store = new JdbiDeadlineStore(database);
            // watched a day ago, then its deadline was taken out of the file
            store.checkedUntil("hourly", T0.minus(Duration.ofDays(1)));
            Pipeline hourly = new PipelineLoader(EnvironmentLookup.of(Map.of()))
                    .loadText("p.yaml", """
                            pipelines:
                              - id: hourly
                                schedule: { type: cron, cron_expr: "0 * * * *", timezone: UTC }
                                deadline: { finish_within_seconds: 60 }
                                notify:
                                  channels:
                                    - { name: webhook, config: { url: "%s" } }
                                tasks:
                                  - { id: say, connector: shell, action: run, action_kwargs: { command: "echo hi" } }
                            """.formatted(webhook.url("/alerts")), Path.of("."))
                    .files()
                    .get(0)
                    .pipelines()
                    .get(0);
            AtomicReference<List<Pipeline>> pipelines = new AtomicReference<>(List.of());
            MovableClock clock = new MovableClock(T0);
            AlertDispatcher alerts =
                    new AlertDispatcher(OkHttpClient::new, JsonMapper.create(), Clock.systemUTC(), List.of());
            try (DeadlineWatch watch = new DeadlineWatch(
                            store,
                            alerts,
                            SecretMasker::none,
                            pipelines::get,
                            Set::of,
                            "agent_1",
                            clock,
                            ZoneOffset.UTC)
                    .start(Duration.ofMillis(20))) {
                pipelines.set(List.of(hourly)); // the deadline is back in the file
                Awaitility.await("a check that sees it")
                        .atMost(Duration.ofMinutes(1))
                        .until(() -> store.checkedUntil("hourly", T0).equals(T0));

                clock.set(T0.plus(Duration.ofMinutes(32))); // 11:02: the 11:00 fire's deadline passed at 11:01
                Awaitility.await("the 11:00 fire's missed deadline")
                        .atMost(Duration.ofMinutes(1))
                        .until(() -> !received.isEmpty());
                alerts.close(); // waits for anything else on its way
                assertThat(received)
                        .as("the day's fires before the deadline came back are not raised")
                        .singleElement()
                        .satisfies(alert ->
                                assertThat(alert.path("scheduled_for").asText()).isEqualTo("2099-01-01T11:00Z"));
            }
        } finally {
            database.close();
        }
    }
}
