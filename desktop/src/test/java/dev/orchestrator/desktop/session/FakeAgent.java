package dev.orchestrator.desktop.session;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentProfile;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/**
 * An agent's API answering with canned JSON per path, for testing view models without the JavaFX toolkit
 * and without a real agent's timing. The answers are what the real agent sends (see the agent's API tests).
 */
public final class FakeAgent implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private volatile boolean refuseToken;

    public FakeAgent() throws IOException {
        answers.put("/api/v1/agent", """
                {"agent_id":"a1","version":"1.2.3","uptime_seconds":3600,"host":"box","time_zone":"UTC","database":"h2"}""");
        answers.put("/pipelines", "[]");
        answers.put("/api/v1/runs", "{\"items\":[],\"page\":1,\"size\":100,\"total\":0}");
        answers.put("/api/v1/stats", stats(0, 0, 0, null, null));
        answers.put("/upcoming", "[]");
        answers.put("/api/v1/approvals", "[]");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (refuseToken) {
                    return new MockResponse.Builder()
                            .code(401)
                            .body("{\"error\":\"unauthorized\"," + "\"message\":\"send the token\"}")
                            .build();
                }
                String body = answers.get(request.getUrl().encodedPath());
                return body == null
                        ? new MockResponse.Builder()
                                .code(404)
                                .body("{\"error\":\"not_found\"," + "\"message\":\"no endpoint\"}")
                                .build()
                        : new MockResponse.Builder()
                                .code(200)
                                .addHeader("Content-Type", "application/json")
                                .body(body)
                                .build();
            }
        });
        server.start();
    }

    public FakeAgent answer(String path, String json) {
        answers.put(path, json);
        return this;
    }

    /** Describes itself as agent {@code agentId} of the cluster whose database holds {@code historyId}. */
    public FakeAgent inHistory(String historyId, String agentId) {
        return answer("/api/v1/agent", """
                {"agent_id":"%s","version":"1.2.3","uptime_seconds":3600,"host":"box","time_zone":"UTC",
                 "database":"postgresql","history_id":"%s"}""".formatted(agentId, historyId));
    }

    /** From now on every request is refused as unauthorized, as after a token rotation. */
    public void refuseToken() {
        refuseToken = true;
    }

    public static String stats(long success, long failed, long running, Double rate, Long averageMs) {
        return """
                {"from":"2026-11-21T00:00Z","to":"2026-11-21T12:00Z","total":%d,
                 "by_status":{"queued":0,"running":%d,"success":%d,"failed":%d,"cancelled":0,"crashed":0},
                 "success_rate":%s,"average_duration_ms":%s,
                 "runs_per_hour":[{"hour":"2026-11-21T06:00Z","runs":%d,"failed":%d}],
                 "duration_trend":[],"failing_pipelines":[]}""".formatted(
                        success + failed + running,
                        running,
                        success,
                        failed,
                        rate,
                        averageMs,
                        success + failed + running,
                        failed);
    }

    public AgentProfile profile(String name) {
        return new AgentProfile(name, server.url("/").toString(), "token-" + name);
    }

    /** A session on this agent whose I/O and UI work run at once on the calling thread. */
    public AgentSession session(String name) {
        return new AgentSession(
                new AgentClient(profile(name), new OkHttpClient()),
                Runnable::run,
                Runnable::run,
                Executors.newSingleThreadScheduledExecutor(),
                Clock.systemUTC());
    }

    public void stop() {
        server.close();
    }

    @Override
    public void close() {
        server.close();
    }
}
