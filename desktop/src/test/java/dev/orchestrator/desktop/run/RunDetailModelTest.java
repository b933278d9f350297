package dev.orchestrator.desktop.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.LogLine;
import dev.orchestrator.desktop.graph.DagLayout;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import org.junit.jupiter.api.Test;

/** The run detail's model following a run, without the toolkit. */
class RunDetailModelTest {

    private static final String PIPELINE = """
            {"id":"load","name":"Load","tasks":[{"id":"fetch","depends_on":[]},{"id":"store","depends_on":["fetch"]}]}""";

    private static String run(String status, String fetch, String store) {
        return """
                {"run_id":"r1","pipeline_id":"load","status":"%s","trigger":"schedule",
                 "logical_time":"2026-11-21T06:00:00Z","created_at":"2026-11-21T06:00:00Z",
                 "started_at":"2026-11-21T06:00:00Z","params":{},"agent_id":"agent-2",
                 "tasks":[{"task_id":"fetch","status":"%s","attempts":[]},{"task_id":"store","status":"%s","attempts":[]}]}""".formatted(status, fetch, store);
    }

    private static String logs(int lines) {
        StringBuilder items = new StringBuilder();
        for (int id = 1; id <= lines; id++) {
            items.append(items.isEmpty() ? "" : ",").append("""
                    {"id":%d,"task":"fetch","attempt":1,"level":"INFO","time":"2026-11-21T06:00:0%dZ","message":"line %d"}""".formatted(id, id, id));
        }
        return "{\"items\":[" + items + "]}";
    }

    @Test
    void aRunThatAnotherAgentOfTheClusterRunsIsReadAgainAtEachPollUntilItEnds() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.inHistory("history-of-the-cluster", "agent-1")
                    .answer("/pipeline/load", PIPELINE)
                    .answer("/api/v1/runs/r1", run("running", "running", "pending"))
                    .answer("/api/v1/runs/r1/logs", logs(1));
            AgentSession session = agent.session("one");
            session.refresh();
            RunDetailModel model =
                    new RunDetailModel(session, "r1", new DagLayout(), Runnable::run, Runnable::run).open();
            assertThat(model.states()).containsEntry("fetch", "running");
            assertThat(model.log()).extracting(LogLine::message).containsExactly("line 1");

            agent.answer("/api/v1/runs/r1", run("success", "success", "success"))
                    .answer("/api/v1/runs/r1/logs", logs(3));
            session.refresh(); // the session's poll: no event comes for a run of agent-2

            assertThat(model.runProperty().get().status()).isEqualTo("success");
            assertThat(model.states()).containsEntry("store", "success");
            assertThat(model.log()).extracting(LogLine::message).containsExactly("line 1", "line 2", "line 3");
            assertThat(model.isEnded()).isTrue();
            model.close();
        }
    }
}
