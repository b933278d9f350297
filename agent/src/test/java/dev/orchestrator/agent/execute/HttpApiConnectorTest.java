package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The built-in http_api connector against a local HTTP server, run as pipeline tasks by the real engine. */
class HttpApiConnectorTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    final MockWebServer server = new MockWebServer();
    final List<RecordedRequest> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.add(request);
                String path = request.getUrl().encodedPath();
                return switch (path) {
                    case "/missing" ->
                        new MockResponse.Builder()
                                .code(404)
                                .body("{\"error\":\"no such order\"}")
                                .build();
                    case "/busy" -> new MockResponse.Builder().code(503).build();
                    case "/limited" -> new MockResponse.Builder().code(429).build();
                    case "/slow" ->
                        new MockResponse.Builder()
                                .code(200)
                                .headersDelay(3, TimeUnit.SECONDS)
                                .build();
                    case "/text" ->
                        new MockResponse.Builder().code(200).body("plain words").build();
                    default ->
                        new MockResponse.Builder()
                                .code(200)
                                .setHeader("Content-Type", "application/json")
                                .body("{\"method\":\"" + request.getMethod() + "\",\"items\":[1,2]}")
                                .build();
                };
            }
        });
        server.start(0);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String base() {
        return server.url("/").toString();
    }

    @Test
    void sendsEveryMethodWithParamsHeadersAndJsonAndParsesTheAnswer() throws Exception {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: calls
                    tasks:
                      - { id: get, connector: http_api, connector_config: { base_url: "%1$s", headers: { X-Token: abc } }, action: fetch, action_kwargs: { endpoint: /orders, params: { since: "{{ today }}", limit: 5 } } }
                      - { id: post, connector: http_api, connector_config: { base_url: "%1$s" }, action: push, action_kwargs: { endpoint: /orders, json: { id: 7 } } }
                      - { id: put, connector: http_api, connector_config: { base_url: "%1$s" }, action: push, action_kwargs: { endpoint: /orders/7, method: PUT, json: { id: 7 } } }
                      - { id: patch, connector: http_api, connector_config: { base_url: "%1$s" }, action: push, action_kwargs: { endpoint: /orders/7, method: PATCH, json: { state: paid } } }
                      - { id: delete, connector: http_api, connector_config: { base_url: "%1$s" }, action: fetch, action_kwargs: { endpoint: /orders/7, method: DELETE } }
                      - { id: text, connector: http_api, connector_config: { base_url: "%1$s" }, action: fetch, action_kwargs: { endpoint: /text } }
                      - { id: data, connector: http_api, connector_config: { base_url: "%1$s" }, action: push, action_kwargs: { endpoint: /import }, depends_on: [get], pass_output_from: get }
                """.formatted(base())));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(received)
                .extracting(RecordedRequest::getMethod)
                .containsExactlyInAnyOrder("GET", "POST", "PUT", "PATCH", "DELETE", "GET", "POST");
        RecordedRequest get = received.stream()
                .filter(request -> request.getUrl().encodedPath().equals("/orders")
                        && request.getMethod().equals("GET"))
                .findFirst()
                .orElseThrow();
        assertThat(get.getUrl().queryParameter("limit")).isEqualTo("5");
        assertThat(get.getUrl().queryParameter("since")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(get.getHeaders().get("X-Token")).isEqualTo("abc");
        RecordedRequest patch = received.stream()
                .filter(request -> request.getMethod().equals("PATCH"))
                .findFirst()
                .orElseThrow();
        assertThat(patch.getBody().utf8()).isEqualTo("{\"state\":\"paid\"}");
        RecordedRequest imported = received.stream()
                .filter(request -> request.getUrl().encodedPath().equals("/import"))
                .findFirst()
                .orElseThrow();
        assertThat(imported.getBody().utf8()).isEqualTo("{\"method\":\"GET\",\"items\":[1,2]}");
        assertThat(detail.task("get").orElseThrow().outputPreview()).contains("{\"method\":\"GET\",\"items\":[1,2]}");
        assertThat(detail.task("text").orElseThrow().outputPreview()).contains("\"plain words\"");
    }

    @Test
    void retriesTooManyRequestsAndServerErrorsButNotOtherClientErrorsAndHonoursItsTimeout() throws Exception {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: failures
                    stop_on_failure: false
                    tasks:
                      - { id: missing, connector: http_api, connector_config: { base_url: "%1$s" }, action: fetch, action_kwargs: { endpoint: /missing }, retry: { times: 2, delay_seconds: 0.05 } }
                      - { id: busy, connector: http_api, connector_config: { base_url: "%1$s" }, action: fetch, action_kwargs: { endpoint: /busy }, retry: { times: 2, delay_seconds: 0.05 } }
                      - { id: limited, connector: http_api, connector_config: { base_url: "%1$s" }, action: fetch, action_kwargs: { endpoint: /limited }, retry: { times: 1, delay_seconds: 0.05 } }
                      - { id: slow, connector: http_api, connector_config: { base_url: "%1$s", timeout_seconds: 0.5 }, action: fetch, action_kwargs: { endpoint: /slow }, retry: { times: 0 } }
                """.formatted(base())));

        assertThat(detail.task("missing").orElseThrow().attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.errorMessage())
                        .hasValueSatisfying(message ->
                                assertThat(message).contains("HTTP 404").contains("no such order")));
        assertThat(detail.task("busy").orElseThrow().attempts()).hasSize(3);
        assertThat(detail.task("limited").orElseThrow().attempts()).hasSize(2);
        assertThat(detail.task("slow").orElseThrow().status()).isEqualTo(TaskState.FAILED);
        Duration slowTook = detail.task("slow")
                .orElseThrow()
                .durationMillis()
                .map(Duration::ofMillis)
                .orElseThrow();
        assertThat(slowTook).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aRateLimitIsSharedByTheConcurrentTasksOfARun() throws Exception {
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            tasks.append("      - { id: call_")
                    .append(i)
                    .append(", connector: http_api, connector_config: { base_url: \"")
                    .append(base())
                    .append("\", rate_limit_rps: 5 }, action: fetch, action_kwargs: { endpoint: /orders } }\n");
        }
        long started = System.nanoTime();

        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: limited
                    max_concurrency: 10
                    tasks:
                """ + tasks));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(received).hasSize(20);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(3_800));
    }
}
