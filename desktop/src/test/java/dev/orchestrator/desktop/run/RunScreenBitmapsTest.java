package dev.orchestrator.desktop.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.graph.DagLayout;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import dev.orchestrator.desktop.shell.Theme;
import dev.orchestrator.desktop.ui.EffectImages;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 22, the console's memory over an hour of use. The soak (ConsoleSoakBenchmark) showed the heap after a full GC
 * growing by about 20 MB a minute, nearly all of it pixels: bitmaps of JavaFX's effect image pool that nothing used
 * any more. A ScrollPane caches its viewport as a bitmap taken from that pool, and gives it back only when the
 * viewport is redrawn or uncached, not when the ScrollPane is thrown away; the pool then keeps the bitmap as "in use"
 * behind a soft reference that it touches at every later check-out, so a full GC never frees it. Every run screen
 * (rebuilt for each run opened) has several scroll panes (the task, the timeline, the stack trace, the output): each
 * run opened left a few megabytes behind. This opens a run screen fifty times in a window styled as the console's,
 * drawing each tab of each, as the soak does, and counts the bitmaps the pool still holds as in use.
 */
@ExtendWith(ApplicationExtension.class)
class RunScreenBitmapsTest {

    private static final String PIPELINE = """
            {"id":"load","name":"Load","tasks":[{"id":"fetch","depends_on":[]},{"id":"store","depends_on":["fetch"]}]}""";
    private static final String FAILED = """
            {"run_id":"r1","pipeline_id":"load","status":"failed","trigger":"manual",
             "logical_time":"2026-11-21T06:00:00Z","created_at":"2026-11-21T06:00:00Z",
             "started_at":"2026-11-21T06:00:00Z","ended_at":"2026-11-21T06:00:05Z","params":{},"agent_id":"a1",
             "tasks":[{"task_id":"fetch","status":"success","started_at":"2026-11-21T06:00:00Z",
                       "ended_at":"2026-11-21T06:00:02Z","duration_ms":2000,"output":{"rows":[1,2,3]},"attempts":[]},
                      {"task_id":"store","status":"failed","started_at":"2026-11-21T06:00:02Z",
                       "ended_at":"2026-11-21T06:00:05Z","duration_ms":3000,
                       "attempts":[{"number":1,"status":"failed","duration_ms":3000,
                                    "error_type":"java.io.IOException","error_message":"refused",
                                    "stack_trace":"java.io.IOException: refused\\n\\tat a.B.c(B.java:1)"}]}]}""";
    private static final String LOGS = """
            {"items":[{"id":1,"run_id":"r1","task_id":"store","attempt":1,"level":"ERROR",
                       "time":"2026-11-21T06:00:04Z","message":"refused"}]}""";

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T06:00:10Z"), ZoneOffset.UTC);
    private FakeAgent agent;
    private AgentSession session;
    private BorderPane window;

    @Start
    void start(Stage stage) throws Exception {
        agent = new FakeAgent()
                .answer("/pipeline/load", PIPELINE)
                .answer("/api/v1/runs/r1", FAILED)
                .answer("/api/v1/runs/r1/logs", LOGS);
        session = agent.session("one");
        Theme theme = new Theme(false);
        theme.applyToApplication();
        window = new BorderPane();
        Scene scene = new Scene(window, 1280, 800);
        theme.style(scene); // the console's style sheet, as the console's window has
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
        agent.close();
    }

    @Test
    void fiftyRunScreensOpenedOneAfterTheOtherLeaveNoBitmapInUse() throws Exception {
        int before = EffectImages.inUse();
        for (int opened = 0; opened < 50; opened++) {
            WaitForAsyncUtils.asyncFx(this::openAndDrawEveryTab).get(30, TimeUnit.SECONDS);
        }
        WaitForAsyncUtils.asyncFx(() -> window.setCenter(null)).get(30, TimeUnit.SECONDS);
        System.gc();

        assertThat(EffectImages.inUse() - before)
                .as("bitmaps of the effect image pool still in use after fifty run screens were left")
                .isLessThanOrEqualTo(5);
    }

    /** As the console's window opens a run: the screen before closed and replaced; then each tab drawn. */
    private void openAndDrawEveryTab() {
        if (window.getCenter() instanceof RunDetailView shown) {
            shown.model().close();
        }
        RunDetailModel model =
                new RunDetailModel(session, "r1", new DagLayout(), Runnable::run, Runnable::run, timer, clock).open();
        RunDetailView view = new RunDetailView(model, clock, runId -> {}, message -> {});
        window.setCenter(view);
        window.applyCss(); // the skins made: the split pane's tabs can be looked up
        TabPane tabs = (TabPane) view.lookup("#run-tabs");
        for (int tab = 0; tab < 3; tab++) {
            tabs.getSelectionModel().select(tab);
            window.getScene().snapshot(null); // drawn now, through the scene's nodes and their bitmap caches
        }
    }
}
