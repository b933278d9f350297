package dev.orchestrator.agent.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.notify.AlertDispatcher;
import dev.orchestrator.agent.store.OnEveryDatabase;
import dev.orchestrator.agent.store.TestDatabase;
import dev.orchestrator.agent.store.jdbi.JdbiDeadlineStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;

/**
 * Agents of a cluster share one database and each checks every pipeline's deadlines: checking the same deadlines at
 * the same moment, through connections of their own, they raise each missed deadline once between them.
 */
class DeadlineClusterTest {

    private static final Instant NOW = Instant.parse("2099-01-01T06:00:00Z");

    @OnEveryDatabase
    void agentsCheckingTheSameDeadlinesAtOnceRaiseEachOnceBetweenThem(TestDatabase database) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> received = new CopyOnWriteArrayList<>();
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
            Pipeline pipeline = new PipelineLoader(EnvironmentLookup.of(Map.of()))
                    .loadText("p.yaml", """
                            pipelines:
                              - id: every_minute
                                schedule: { type: cron, cron_expr: "* * * * *", timezone: UTC }
                                deadline: { start_within_seconds: 30 }
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
            List<DueDeadlines.Pending> due =
                    DueDeadlines.between(pipeline, ZoneOffset.UTC, NOW.minus(Duration.ofMinutes(10)), NOW);
            assertThat(due).hasSize(10);

            List<AlertDispatcher> dispatchers = new ArrayList<>();
            List<Callable<Void>> agents = new ArrayList<>();
            for (int agent = 0; agent < 4; agent++) {
                AlertDispatcher dispatcher =
                        new AlertDispatcher(OkHttpClient::new, JsonMapper.create(), Clock.systemUTC(), List.of());
                dispatchers.add(dispatcher);
                DeadlineChecker checker = new DeadlineChecker(
                        new JdbiDeadlineStore(database.open()), dispatcher, SecretMasker::none, "agent_" + agent);
                agents.add(() -> {
                    checker.check(pipeline, due, NOW);
                    return null;
                });
            }
            ExecutorService threads = Executors.newFixedThreadPool(agents.size());
            try {
                for (Future<Void> checked : threads.invokeAll(agents)) {
                    checked.get();
                }
            } finally {
                threads.shutdownNow();
            }

            Awaitility.await("an alert per missed deadline")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> received.size() >= due.size());
            dispatchers.forEach(AlertDispatcher::close); // waits for whatever else was on its way
            assertThat(received).hasSize(due.size());
            assertThat(received.stream()
                            .map(alert -> alert.path("scheduled_for").asText()))
                    .doesNotHaveDuplicates()
                    .allMatch(text -> text.startsWith("2099-01-01T05:"));
            assertThat(received).allMatch(alert -> alert.path("event").asText().equals("deadline_missed"));
        }
    }
}
