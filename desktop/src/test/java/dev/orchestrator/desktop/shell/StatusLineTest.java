package dev.orchestrator.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status bar's message clears by itself, without the toolkit. */
class StatusLineTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aMessageClearsAfterItsTimeAndAProblemStaysLonger() {
        StatusLine line =
                new StatusLine(timer, Runnable::run, new StatusLine.Keep(Duration.ofMillis(200), Duration.ofHours(1)));

        line.show("Saved pipelines.yaml on local");
        assertThat(line.messageProperty().get()).isEqualTo("Saved pipelines.yaml on local");
        assertThat(line.problemProperty().get()).isFalse();

        Awaitility.await("the message to clear")
                .atMost(Duration.ofSeconds(10))
                .until(() -> line.messageProperty().get().isEmpty());

        line.show("Not saved: the agent found errors");
        assertThat(line.problemProperty().get()).isTrue();
        assertThat(line.messageProperty().get()).isEqualTo("Not saved: the agent found errors");
    }

    @Test
    void aNewerMessageIsNotClearedByTheTimeOfTheOneBefore() {
        List<Runnable> onUiThread = new CopyOnWriteArrayList<>();
        StatusLine line = new StatusLine(
                timer, onUiThread::add, new StatusLine.Keep(Duration.ofMillis(50), Duration.ofMillis(50)));
        line.show("first");
        Awaitility.await("the first message's time to be up")
                .atMost(Duration.ofSeconds(10))
                .until(() -> onUiThread.size() == 1);

        line.show("second"); // before the UI thread got to clearing the first
        onUiThread.remove(0).run();

        assertThat(line.messageProperty().get()).isEqualTo("second");
    }
}
