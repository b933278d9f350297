package dev.orchestrator.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A session keeps what it last read and says the agent is stale when it stops answering. */
class AgentSessionTest {

    @Test
    void readsTheAgentAndKeepsItsLastDataMarkedStaleWhenItStopsAnswering() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("/pipelines", """
                    [{"id":"nightly","name":"Nightly","schedule":"0 6 * * * (at 06:00)","next_run":"2026-11-22T06:00Z",
                      "status":"active","labels":["sales"]}]""");
            AgentSession session = agent.session("prod");
            assertThat(session.healthProperty().get()).isEqualTo(AgentHealth.CONNECTING);

            session.refresh();

            assertThat(session.healthProperty().get()).isEqualTo(AgentHealth.ONLINE);
            assertThat(session.infoProperty().get().version()).isEqualTo("1.2.3");
            assertThat(session.pipelines()).extracting(row -> row.id()).containsExactly("nightly");
            assertThat(session.problemProperty().get()).isNull();

            agent.stop();
            session.refresh();

            assertThat(session.healthProperty().get()).isEqualTo(AgentHealth.STALE);
            assertThat(session.pipelines()).extracting(row -> row.id()).containsExactly("nightly");
            assertThat(session.problemProperty().get())
                    .contains("does not answer")
                    .contains("orchestrator run");
        }
    }

    @Test
    void aRefusedTokenSaysWhereToFindTheRightOne() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.refuseToken();
            AgentSession session = agent.session("prod");
            session.refresh();
            assertThat(session.healthProperty().get()).isEqualTo(AgentHealth.STALE);
            assertThat(session.problemProperty().get())
                    .contains("refused the token")
                    .contains("orchestrator token");
        }
    }
}
