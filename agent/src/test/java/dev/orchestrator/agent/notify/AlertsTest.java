package dev.orchestrator.agent.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import dev.orchestrator.model.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 6's alerts against local HTTP endpoints standing in for Slack, Feishu and a webhook: failure_threshold
 * 2 and the outcomes F F | restart | F F S F F alert at runs 2 and 7 and say "recovered" at run 5.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class AlertsTest {

    private static final String CANARY = "canary-alert-4b1d0e77";
    private static final String SIGN_SECRET = "feishu-signing-secret-19";

    @TempDir
    Path directory;

    private final List<MockWebServer> servers = new ArrayList<>();
    private final List<String> slack = new CopyOnWriteArrayList<>();
    private final List<String> feishu = new CopyOnWriteArrayList<>();
    private final List<String> webhook = new CopyOnWriteArrayList<>();
    private RunningAgentAccess agent;

    private final java.util.concurrent.atomic.AtomicInteger downCalls = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void startEndpoints() throws Exception {
        MockWebServer down = new MockWebServer(); // an endpoint that is down: always 503
        down.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                downCalls.incrementAndGet();
                return new MockResponse.Builder().code(503).build();
            }
        });
        down.start(0);
        servers.add(down);
        for (List<String> received : List.of(slack, feishu, webhook)) { // after the one that is down
            MockWebServer server = new MockWebServer();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    received.add(
                            request.getBody() == null ? "" : request.getBody().utf8());
                    return new MockResponse.Builder()
                            .code(200)
                            .body("{\"ok\":true}")
                            .build();
                }
            });
            server.start(0);
            servers.add(server);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        for (MockWebServer server : servers) {
            server.close();
        }
    }

    @Test
    void alertsAtTheThresholdOnceRecoversOnceAndRemembersTheStreakAcrossARestart() throws Exception {
        agent = new RunningAgentAccess(directory);
        Files.writeString(
                agent.config().resolveSibling(".env"),
                "ALERT_CANARY=" + CANARY + "\nFEISHU_SIGN_SECRET=" + SIGN_SECRET + "\n");
        agent.write("alerts.yaml", """
                pipelines:
                  - id: flaky_report
                    name: Flaky report
                    params: { code: 0 }
                    notify:
                      failure_threshold: 2
                      channels:
                        - { name: slack, config: { webhook_url: "%s" } }
                        - { name: feishu, config: { webhook_url: "%s", secret: "${FEISHU_SIGN_SECRET}" } }
                        - { name: webhook, config: { url: "%s" } }
                        - { name: webhook, config: { url: "%s" } }
                        - log
                    tasks:
                      - id: step
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "echo token ${ALERT_CANARY} >&2; exit {{ params.code }}"] }
                        retry: { times: 0 }
                """.formatted(
                        servers.get(1).url("/slack"),
                        servers.get(2).url("/feishu"),
                        servers.get(3).url("/hook"),
                        servers.get(0).url("/down")));
        agent.start();

        List<String> runIds = new ArrayList<>();
        runIds.addAll(run(1, 1));
        agent.restart();
        runIds.addAll(run(1, 1, 0, 1, 1));

        awaitCount(3);
        Thread.sleep(500); // nothing more may arrive
        assertThat(slack).hasSize(3);
        assertThat(feishu).hasSize(3);
        assertThat(webhook).hasSize(3);
        // the endpoint that is down was tried (retries follow after 2, 10 and 30 s) and changed no run: every run
        // above ended as its exit code said, and the other channels got every alert
        assertThat(downCalls.get()).isGreaterThanOrEqualTo(3);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> payloads = new ArrayList<>();
        for (String body : webhook) {
            payloads.add(json.readTree(body));
        }
        assertThat(payloads)
                .extracting(payload -> payload.get("event").asText())
                .containsExactly("pipeline_failure", "pipeline_recovered", "pipeline_failure");
        assertThat(payloads)
                .extracting(payload -> payload.get("run_id").asText())
                .containsExactly(runIds.get(1), runIds.get(4), runIds.get(6));
        assertThat(payloads.get(0).get("failed_tasks").get(0).asText()).isEqualTo("step");
        assertThat(payloads.get(0).get("consecutive_failures").asInt()).isEqualTo(2);
        // the cause first: the script's last stderr line, its secret masked
        assertThat(payloads.get(0).get("error").asText()).isEqualTo("token ***");
        assertThat(json.readTree(slack.get(1)).get("text").asText())
                .contains("recovered")
                .contains(runIds.get(4));

        JsonNode signed = json.readTree(feishu.get(0));
        assertThat(signed.get("msg_type").asText()).isEqualTo("text");
        assertThat(signed.get("sign").asText())
                .isEqualTo(HttpChannels.feishuSignature(
                        Long.parseLong(signed.get("timestamp").asText()), SIGN_SECRET));
        assertThat(signed.get("content").get("text").asText())
                .contains("Flaky report")
                .contains("failed");

        for (String body : concat(slack, feishu, webhook)) {
            assertThat(body).doesNotContain(CANARY).doesNotContain(SIGN_SECRET);
        }
    }

    private List<String> run(int... exitCodes) throws InterruptedException {
        List<String> runIds = new ArrayList<>();
        for (int code : exitCodes) {
            String runId = agent.agent()
                    .executor()
                    .start(
                            agent.agent().pipelines().find("flaky_report").orElseThrow(),
                            RunRequest.manual(Map.of("code", code)),
                            agent.agent().pipelines().secrets());
            assertThat(agent.awaitEnd(runId)).isEqualTo(code == 0 ? RunState.SUCCESS : RunState.FAILED);
            runIds.add(runId);
        }
        return runIds;
    }

    private void awaitCount(int count) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(
                        () -> assertThat(slack.size() >= count && feishu.size() >= count && webhook.size() >= count)
                                .as("alerts received: slack " + slack.size() + ", feishu " + feishu.size()
                                        + ", webhook " + webhook.size())
                                .isTrue());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
