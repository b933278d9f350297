package dev.orchestrator.agent.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.model.NotifyChannel;
import dev.orchestrator.secret.SecretMasker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertDispatcherTest {

    private final MockWebServer server = new MockWebServer();
    private final AlertDispatcher dispatcher = new AlertDispatcher(
            OkHttpClient::new,
            JsonMapper.create(),
            Clock.systemUTC(),
            List.of(Duration.ofMillis(50), Duration.ofMillis(50)));

    private static final Alert ALERT =
            new Alert(Alert.Kind.FAILURE, "p", "P", "run_1", "failed", List.of("t"), Optional.of("boom"), 1);

    @AfterEach
    void stop() throws Exception {
        dispatcher.close();
        server.close();
    }

    private void answer(int... codes) throws Exception {
        AtomicInteger call = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int index = Math.min(call.getAndIncrement(), codes.length - 1);
                return new MockResponse.Builder().code(codes[index]).build();
            }
        });
        server.start(0);
    }

    @Test
    void aChannelThatFailsIsRetriedUntilItAccepts() throws Exception {
        answer(500, 503, 200);

        dispatcher.dispatch(
                List.of(new NotifyChannel(
                        "webhook", Map.of("url", server.url("/hook").toString()))),
                ALERT,
                SecretMasker.none());

        awaitRequests(3);
        Thread.sleep(300); // time for a fourth request, which must not come: the third was accepted
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aChannelThatStaysDownIsGivenUpWithoutThrowing() throws Exception {
        answer(500);

        assertThatCode(() -> dispatcher.dispatch(
                        List.of(new NotifyChannel(
                                "slack",
                                Map.of("webhook_url", server.url("/slack").toString()))),
                        ALERT,
                        SecretMasker.none()))
                .doesNotThrowAnyException();

        awaitRequests(3);
        Thread.sleep(300); // time for a fourth request, which must not come: two retries and no more
        assertThat(server.getRequestCount()).as("one attempt and two retries").isEqualTo(3);
    }

    private void awaitRequests(int count) {
        await(count + " requests")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> server.getRequestCount() >= count);
    }
}
