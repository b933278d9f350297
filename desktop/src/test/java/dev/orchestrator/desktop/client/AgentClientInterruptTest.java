package dev.orchestrator.desktop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orchestrator.desktop.session.FakeAgent;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * A request on a thread that is interrupted (a session closing stops its refresh thread that way) ends as the
 * client's own failure, with the interrupt kept, never as an undeclared {@link InterruptedException}: OkHttp
 * throws that one from its connect, and it escaped every catch up to the console's uncaught-exception handler.
 */
class AgentClientInterruptTest {

    @Test
    void anInterruptedRequestFailsAsUnreachableAndKeepsTheInterrupt() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            AgentClient client = new AgentClient(agent.profile("a"), new OkHttpClient());

            Thread.currentThread().interrupt();
            Throwable thrown = catchThrowable(client::agent);
            boolean stillInterrupted = Thread.interrupted(); // clears it for the next test

            assertThat(thrown).isInstanceOf(AgentException.class);
            assertThat(((AgentException) thrown).kind()).isEqualTo(AgentException.Kind.UNREACHABLE);
            assertThat(stillInterrupted)
                    .as("the interrupt is kept for the thread's owner")
                    .isTrue();
        }
    }
}
