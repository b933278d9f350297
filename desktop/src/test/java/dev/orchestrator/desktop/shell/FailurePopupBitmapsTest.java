package dev.orchestrator.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import dev.orchestrator.desktop.ui.EffectImages;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 22: the popups of failed runs, once gone, leave no bitmap of JavaFX's effect image pool in use. */
@ExtendWith(ApplicationExtension.class)
class FailurePopupBitmapsTest {

    private FakeAgent agent;
    private AgentSession session;

    @Start
    void start(Stage stage) throws Exception {
        agent = new FakeAgent();
        session = agent.session("local");
        Theme theme = new Theme(false);
        theme.applyToApplication();
        Scene scene = new Scene(new BorderPane(), 1280, 800);
        theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void tenPopupsOfFailedRunsGoneLeaveNoBitmapInUse() throws Exception {
        int before = EffectImages.inUse();
        FailureNotifier notifier = new FailureNotifier(true);
        ObjectMapper json = new ObjectMapper();
        for (int run = 0; run < 10; run++) {
            AgentSession.RunEvent failed = new AgentSession.RunEvent("run", json.readTree("""
                    {"run_id":"r%d","pipeline_id":"quick","status":"failed"}""".formatted(run)));
            WaitForAsyncUtils.asyncFx(() -> notifier.eventArrived(session, failed))
                    .get(30, TimeUnit.SECONDS);
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // one after the other, each shown and drawn
        }
        Awaitility.await("the popups hidden")
                .atMost(Duration.ofSeconds(60))
                .until(() -> WaitForAsyncUtils.asyncFx(() -> Window.getWindows().size())
                                .get()
                        == 1);
        System.gc();

        assertThat(EffectImages.inUse() - before)
                .as("bitmaps of the effect image pool still in use after ten popups came and went")
                .isLessThanOrEqualTo(1);
    }
}
