package dev.orchestrator.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.desktop.notice.NoticesModel;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Popup;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The notification popups (a failed run, a notice) in the console's themes: ControlsFX's stylesheet draws the bar in
 * Modena's looked-up colours, which AtlantaFX's themes do not define. Each popup then printed a CSS warning (a
 * {@code ClassCastException} converting {@code -fx-background-color}) and was drawn without its background, its
 * dark text over whatever was behind it.
 */
@ExtendWith(ApplicationExtension.class)
class NotificationPopupStyleTest {

    /** JavaFX's CSS warnings go through java.util.logging, to loggers named {@code javafx.*}. */
    private final Logger root = Logger.getLogger("");

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()
                    && record.getLoggerName() != null
                    && record.getLoggerName().startsWith("javafx")) {
                warnings.add(record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private FakeAgent agent;
    private AgentSession session;
    private Theme theme;

    @Start
    void start(Stage stage) throws Exception {
        agent = new FakeAgent();
        session = agent.session("local");
        theme = new Theme(false);
        theme.applyToApplication();
        Scene scene = new Scene(new BorderPane(), 1280, 800);
        theme.style(scene);
        stage.setScene(scene);
        stage.show();
        root.addHandler(collect);
    }

    @AfterEach
    void stop() throws Exception {
        root.removeHandler(collect);
        WaitForAsyncUtils.asyncFx(() -> {
                    theme.darkProperty().set(false); // the next test class's theme
                    Window.getWindows().stream()
                            .filter(window -> window instanceof Popup)
                            .toList()
                            .forEach(Window::hide);
                })
                .get(30, TimeUnit.SECONDS);
        agent.close();
    }

    @Test
    void aFailedRunsPopupInTheLightThemeIsStyledWithoutAWarning() throws Exception {
        AgentSession.RunEvent failed = new AgentSession.RunEvent("run", new ObjectMapper().readTree("""
                        {"run_id":"r1","pipeline_id":"quick","status":"failed"}"""));
        WaitForAsyncUtils.asyncFx(() -> new FailureNotifier(true).eventArrived(session, failed))
                .get(30, TimeUnit.SECONDS);

        assertStyledWithoutWarnings();
    }

    @Test
    void aNoticesPopupInTheDarkThemeIsStyledWithoutAWarning() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    theme.darkProperty().set(true);
                    new NoticePopups()
                            .show(new NoticesModel.Notice(
                                    NoticesModel.Kind.DEADLINE, "Deadline missed", "quick: finish within 1 s"));
                })
                .get(30, TimeUnit.SECONDS);

        assertStyledWithoutWarnings();
    }

    private void assertStyledWithoutWarnings() throws Exception {
        Awaitility.await("the popup shown")
                .atMost(Duration.ofSeconds(30))
                .until(() -> WaitForAsyncUtils.asyncFx(() -> bar() != null).get());
        WaitForAsyncUtils.waitForFxEvents(); // a pulse or two: its styles applied and its slide begun
        WaitForAsyncUtils.asyncFx(() -> bar().applyCss()).get(30, TimeUnit.SECONDS);

        assertThat(warnings).as("JavaFX's warnings while the popup showed").isEmpty();
        Region pane =
                WaitForAsyncUtils.asyncFx(() -> (Region) bar().lookup(".pane")).get(30, TimeUnit.SECONDS);
        assertThat(pane.getBackground()).as("the popup's background").isNotNull();
        var fills = pane.getBackground().getFills();
        Color body = (Color) fills.get(fills.size() - 1).getFill();
        Label title =
                WaitForAsyncUtils.asyncFx(() -> (Label) pane.lookup(".title")).get(30, TimeUnit.SECONDS);
        Color text = (Color) title.getTextFill();
        assertThat(Math.abs(text.getBrightness() - body.getBrightness()))
                .as("the title (%s) read on the popup's background (%s)", text, body)
                .isGreaterThan(0.5);
    }

    /** The notification bar showing, null before its popup is. */
    private static Node bar() {
        return Window.getWindows().stream()
                .filter(window -> window instanceof Popup && window.isShowing())
                .flatMap(window -> ((Popup) window).getContent().stream())
                .filter(node -> node.getStyleClass().contains("notification-bar"))
                .findFirst()
                .orElse(null);
    }
}
