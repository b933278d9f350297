package dev.orchestrator.desktop.shell;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's message: what just happened, cleared after a few seconds so that an old message is not
 * read as news (a problem stays longer than a confirmation); a newer message replaces it and starts its own
 * time. Used on the UI thread; the timer only decides when, the clearing runs through the UI executor.
 */
public final class StatusLine {

    /** How long a confirmation and a problem stay. */
    public record Keep(Duration confirmation, Duration problem) {
        public static final Keep DEFAULT = new Keep(Duration.ofSeconds(6), Duration.ofSeconds(15));
    }

    private final ScheduledExecutorService timer;
    private final Executor ui;
    private final Keep keep;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper problem = new ReadOnlyBooleanWrapper();
    private long shown;
    private ScheduledFuture<?> clearing;

    public StatusLine(ScheduledExecutorService timer, Executor ui, Keep keep) {
        this.timer = timer;
        this.ui = ui;
        this.keep = keep;
    }

    /** Shows {@code text} until a newer message, or until its time is up. */
    public void show(String text) {
        long mine = ++shown;
        boolean isProblem = isProblem(text);
        message.set(text);
        problem.set(isProblem);
        if (clearing != null) {
            clearing.cancel(false);
        }
        long millis = (isProblem ? keep.problem() : keep.confirmation()).toMillis();
        clearing = timer.schedule(() -> ui.execute(() -> clear(mine)), millis, TimeUnit.MILLISECONDS);
    }

    private void clear(long which) {
        if (which == shown) { // else a newer message is showing, with its own time
            message.set("");
            problem.set(false);
        }
    }

    static boolean isProblem(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("failed") || lower.contains("cannot") || lower.contains("not ");
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether the message says something went wrong (shown in the error colour). */
    public ReadOnlyBooleanProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
