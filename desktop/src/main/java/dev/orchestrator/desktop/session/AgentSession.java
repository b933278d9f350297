package dev.orchestrator.desktop.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.api.ApprovalDto;
import dev.orchestrator.api.PoolDto;
import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentException;
import dev.orchestrator.desktop.client.AgentInfo;
import dev.orchestrator.desktop.client.AgentProfile;
import dev.orchestrator.desktop.client.MissedDeadline;
import dev.orchestrator.desktop.client.PipelineRow;
import dev.orchestrator.desktop.client.Stats;
import dev.orchestrator.desktop.client.UpcomingFire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console knows about one agent, kept current: its pipelines, recent runs, today's figures and the
 * next fires, read in the background every few seconds and at once when its event stream says a run changed.
 * When the agent stops answering, the last known data stays, marked {@link AgentHealth#STALE}, and the session
 * keeps trying. Properties change on the UI executor only; reading happens on the I/O executor.
 */
public final class AgentSession implements AutoCloseable {

    /** How many recent runs the session keeps. */
    public static final int RECENT_RUNS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration EVENT_DEBOUNCE = Duration.ofMillis(300);

    private final AgentClient client;
    private final Executor io;
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final ObjectProperty<AgentHealth> health = new SimpleObjectProperty<>(AgentHealth.CONNECTING);
    private final ObjectProperty<AgentInfo> info = new SimpleObjectProperty<>();
    private final ObjectProperty<Stats> today = new SimpleObjectProperty<>();
    private final ObjectProperty<Instant> updatedAt = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty();
    private final ObservableList<PipelineRow> pipelines = FXCollections.observableArrayList();
    private final ObservableList<RunDto> runs = FXCollections.observableArrayList();
    private final ObservableList<UpcomingFire> upcoming = FXCollections.observableArrayList();
    private final ObservableList<PipelineRow> pipelinesView = FXCollections.unmodifiableObservableList(pipelines);
    private final ObservableList<RunDto> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ObservableList<ApprovalDto> approvals = FXCollections.observableArrayList();
    private final ObservableList<ApprovalDto> approvalsView = FXCollections.unmodifiableObservableList(approvals);
    private final ObservableList<UpcomingFire> upcomingView = FXCollections.unmodifiableObservableList(upcoming);
    private final ObservableList<MissedDeadline> late = FXCollections.observableArrayList();
    private final ObservableList<MissedDeadline> lateView = FXCollections.unmodifiableObservableList(late);
    private final ObservableList<PoolDto> pools = FXCollections.observableArrayList();
    private final ObservableList<PoolDto> poolsView = FXCollections.unmodifiableObservableList(pools);
    private final List<Consumer<RunEvent>> runListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile ScheduledFuture<?> polling;

    /** A state change or log line from the event stream. */
    public record RunEvent(String type, JsonNode data) {

        public String runId() {
            return data.path("run_id").asText();
        }
    }

    public AgentSession(AgentClient client, Executor io, Executor ui, ScheduledExecutorService timer, Clock clock) {
        this.client = client;
        this.io = io;
        this.ui = ui;
        this.timer = timer;
        this.clock = clock;
    }

    /** Starts reading now and every few seconds. */
    public AgentSession start() {
        polling = timer.scheduleWithFixedDelay(this::refresh, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public AgentProfile profile() {
        return client.profile();
    }

    public String name() {
        return client.profile().name();
    }

    public AgentClient client() {
        return client;
    }

    /** Reads everything again, in the background; requests made while one is pending are merged. */
    public void refresh() {
        if (!refreshQueued.compareAndSet(false, true)) {
            return;
        }
        io.execute(() -> {
            refreshQueued.set(false);
            read();
        });
    }

    private void read() {
        try {
            AgentInfo agent = client.agent();
            List<PipelineRow> rows = client.pipelines();
            List<RunDto> recent = client.runs(Map.of(), 1, RECENT_RUNS).items();
            ZoneId zone = clock.getZone();
            OffsetDateTime midnight = clock.instant()
                    .atZone(zone)
                    .toLocalDate()
                    .atStartOfDay(zone)
                    .toOffsetDateTime();
            Stats stats = client.stats(midnight, OffsetDateTime.now(clock).plusSeconds(1));
            List<UpcomingFire> next = client.upcoming(6);
            List<ApprovalDto> waiting = client.approvals();
            List<MissedDeadline> missed =
                    client.missedDeadlines(midnight, OffsetDateTime.now(clock).plusSeconds(1));
            List<PoolDto> shared = client.pools();
            Instant at = clock.instant();
            ui.execute(() -> {
                info.set(agent);
                replace(pipelines, rows);
                replace(runs, recent);
                today.set(stats);
                replace(upcoming, next);
                replace(approvals, waiting);
                replace(late, missed);
                replace(pools, shared);
                updatedAt.set(at);
                problem.set(null);
                health.set(AgentHealth.ONLINE);
            });
        } catch (AgentException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the session is closing: its agent did not go away
            }
            ui.execute(() -> {
                if (health.get() != AgentHealth.STALE) { // once per outage, not at every poll
                    LOG.warn("Agent '{}' does not answer: {}", name(), e.getMessage());
                }
                problem.set(e.getMessage());
                health.set(AgentHealth.STALE);
            });
        } catch (RuntimeException e) {
            LOG.warn("Reading agent '{}' failed unexpectedly", name(), e);
            ui.execute(() -> {
                problem.set("reading " + name() + " failed: " + e);
                health.set(AgentHealth.STALE);
            });
        }
    }

    /** Replaces a list's content in one change, so views redraw once. */
    private static <T> void replace(ObservableList<T> list, List<T> items) {
        if (!list.equals(items)) {
            list.setAll(items);
        }
    }

    /** Called for each event of the agent's stream, on the UI executor. */
    public void addRunListener(Consumer<RunEvent> listener) {
        runListeners.add(listener);
    }

    public void removeRunListener(Consumer<RunEvent> listener) {
        runListeners.remove(listener);
    }

    /** From the event stream's thread: tell listeners, and read the lists again soon (once per burst). */
    public void eventArrived(String type, JsonNode data) {
        RunEvent event = new RunEvent(type, data);
        ui.execute(() -> runListeners.forEach(listener -> listener.accept(event)));
        if (type.equals("run") || type.equals("gap")) {
            timer.schedule(this::refresh, EVENT_DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The stream opened again: read at once rather than at the next poll. */
    public void streamConnected(boolean connected) {
        if (connected) {
            refresh();
        }
    }

    /** Does {@code action} in the background and refreshes after; a failure goes to {@code onError} on the UI. */
    public void perform(String what, Runnable action, Consumer<String> onError) {
        io.execute(() -> {
            try {
                action.run();
                refresh();
            } catch (AgentException e) {
                LOG.info("{} on agent '{}' failed: {}", what, name(), e.getMessage());
                ui.execute(() -> onError.accept(what + " failed: " + e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("{} on agent '{}' failed unexpectedly", what, name(), e);
                ui.execute(() -> onError.accept(what + " failed: " + e));
            }
        });
    }

    /**
     * Asks the agent something in the background: the answer goes to {@code onAnswer} on the UI, a failure (as a
     * sentence that starts with {@code what}) to {@code onError} there. Nothing is read again after it, unlike
     * {@link #perform}.
     */
    public <T> void ask(
            String what, Function<AgentClient, T> question, Consumer<T> onAnswer, Consumer<String> onError) {
        io.execute(() -> {
            try {
                T answer = question.apply(client);
                ui.execute(() -> onAnswer.accept(answer));
            } catch (AgentException e) {
                LOG.info("{} on agent '{}' failed: {}", what, name(), e.getMessage());
                ui.execute(() -> onError.accept(what + " failed: " + e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("{} on agent '{}' failed unexpectedly", what, name(), e);
                ui.execute(() -> onError.accept(what + " failed: " + e));
            }
        });
    }

    public ReadOnlyObjectProperty<AgentHealth> healthProperty() {
        return health;
    }

    public ReadOnlyObjectProperty<AgentInfo> infoProperty() {
        return info;
    }

    public ReadOnlyObjectProperty<Stats> todayProperty() {
        return today;
    }

    public ReadOnlyObjectProperty<Instant> updatedAtProperty() {
        return updatedAt;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    public ObservableList<PipelineRow> pipelines() {
        return pipelinesView;
    }

    /** The tasks waiting for approval, as the agent last listed them (every agent sharing its database). */
    public ObservableList<ApprovalDto> approvals() {
        return approvalsView;
    }

    /** The newest runs, newest first. */
    public ObservableList<RunDto> runs() {
        return runsView;
    }

    public ObservableList<UpcomingFire> upcoming() {
        return upcomingView;
    }

    /** The shared pools, as the agent last listed them (every agent sharing its database). */
    public ObservableList<PoolDto> pools() {
        return poolsView;
    }

    /** The deadlines missed by the runs scheduled today, newest first. */
    public ObservableList<MissedDeadline> late() {
        return lateView;
    }

    @Override
    public void close() {
        ScheduledFuture<?> current = polling;
        if (current != null) {
            current.cancel(false);
        }
    }
}
