package dev.orchestrator.desktop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.session.FakeAgent;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;

/** Hits of several agents merged newest first, without the toolkit. */
class LogSearchModelTest {

    private static String page(String... times) {
        StringBuilder items = new StringBuilder();
        for (String time : times) {
            items.append(items.isEmpty() ? "" : ",").append("""
                    {"time":"%s","kind":"log","level":"INFO","pipeline_id":"p","run_id":"r-%s","task_id":"t",
                     "attempt":1,"message":"m","stack_trace":null}""".formatted(time, time));
        }
        return "{\"items\":[" + items + "],\"page\":1,\"size\":50,\"total\":" + times.length + "}";
    }

    @Test
    void mergesTheAgentsHitsByTimeNewestFirst() throws Exception {
        try (FakeAgent east = new FakeAgent();
                FakeAgent west = new FakeAgent()) {
            east.answer("/api/v1/logs", page("2026-11-21T10:05:00Z", "2026-11-21T10:01:00Z"));
            west.answer("/api/v1/logs", page("2026-11-21T10:04:00Z", "2026-11-21T10:03:00Z", "2026-11-21T09:00:00Z"));
            LogSearchModel model = new LogSearchModel(
                    FXCollections.observableArrayList(east.session("east"), west.session("west")),
                    Runnable::run,
                    Runnable::run);

            model.search(new LogSearchModel.Filters(null, null, null, null, null, "m", null));

            assertThat(model.hits())
                    .extracting(hit -> hit.agent() + " " + hit.entry().time().toLocalTime())
                    .containsExactly("east 10:05", "west 10:04", "west 10:03", "east 10:01", "west 09:00");
            assertThat(model.totalProperty().get()).isEqualTo(5);
            assertThat(model.hasMoreProperty().get()).isFalse();

            model.search(new LogSearchModel.Filters("west", null, null, null, null, "m", null));
            assertThat(model.hits())
                    .allSatisfy(hit -> assertThat(hit.agent()).isEqualTo("west"))
                    .hasSize(3);
        }
    }

    @Test
    void anAgentThatFailsIsReportedAndTheOthersStillAnswer() throws Exception {
        try (FakeAgent good = new FakeAgent();
                FakeAgent gone = new FakeAgent()) {
            good.answer("/api/v1/logs", page("2026-11-21T10:05:00Z"));
            var down = gone.session("gone");
            gone.stop();
            LogSearchModel model = new LogSearchModel(
                    FXCollections.observableArrayList(good.session("good"), down), Runnable::run, Runnable::run);

            model.search(new LogSearchModel.Filters(null, null, null, null, null, "m", null));

            assertThat(model.hits()).extracting(LogSearchModel.Hit::agent).containsExactly("good");
            assertThat(model.problemProperty().get()).startsWith("gone: ").contains("does not answer");
        }
    }

    @Test
    void agentsOfOneClusterAreSearchedOnceForTheyHoldTheSameLogs() throws Exception {
        try (FakeAgent first = new FakeAgent();
                FakeAgent second = new FakeAgent()) {
            for (FakeAgent member : new FakeAgent[] {first, second}) {
                member.answer("/api/v1/logs", page("2026-11-21T10:05:00Z", "2026-11-21T10:01:00Z"));
            }
            first.inHistory("history-of-the-cluster", "agent-1");
            second.inHistory("history-of-the-cluster", "agent-2");
            var one = first.session("one");
            var two = second.session("two");
            one.refresh();
            two.refresh();
            LogSearchModel model =
                    new LogSearchModel(FXCollections.observableArrayList(one, two), Runnable::run, Runnable::run);

            model.search(new LogSearchModel.Filters(null, null, null, null, null, "m", null));

            assertThat(model.hits())
                    .extracting(hit -> hit.agent() + " " + hit.entry().time().toLocalTime())
                    .containsExactly("one 10:05", "one 10:01");
            assertThat(model.totalProperty().get()).isEqualTo(2);
            assertThat(model.searchedSessions()).containsExactly(one);

            model.search(new LogSearchModel.Filters("two", null, null, null, null, "m", null));
            assertThat(model.hits()).extracting(LogSearchModel.Hit::agent).containsExactly("two", "two");
        }
    }
}
