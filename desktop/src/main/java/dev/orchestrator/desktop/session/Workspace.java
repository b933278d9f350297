package dev.orchestrator.desktop.session;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentProfile;
import dev.orchestrator.desktop.client.EventStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import okhttp3.OkHttpClient;

/**
 * The agents the console is connected to: one {@link AgentSession} and one event stream per saved agent,
 * plus the local agent found through its home. Adding, editing and removing agents goes through here, so the
 * saved file and the open sessions always agree. Call on the UI thread.
 */
public final class Workspace implements AutoCloseable {

    private final AgentProfileStore store;
    private final LocalAgent local;
    private final Executor io;
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final OkHttpClient requests;
    private final OkHttpClient streams;
    private final BiConsumer<AgentSession, AgentSession.RunEvent> onEvent;
    private final ObservableList<AgentSession> sessions = FXCollections.observableArrayList();
    private final Map<AgentSession, EventStream> eventStreams = new HashMap<>();

    /**
     * @param onEvent hears every event of every agent (desktop notifications of failures), on the UI thread
     */
    public Workspace(
            AgentProfileStore store,
            LocalAgent local,
            Executor io,
            Executor ui,
            ScheduledExecutorService timer,
            Clock clock,
            BiConsumer<AgentSession, AgentSession.RunEvent> onEvent) {
        this.store = store;
        this.local = local;
        this.io = io;
        this.ui = ui;
        this.timer = timer;
        this.clock = clock;
        this.onEvent = onEvent;
        this.requests = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(30))
                .build();
        this.streams = requests.newBuilder().readTimeout(Duration.ZERO).build();
    }

    /**
     * Opens every saved agent; when none is saved as "local" and an agent runs on this machine, that one too,
     * saved, so it is there next time.
     */
    public Workspace open() {
        List<AgentProfile> profiles = new ArrayList<>(store.load());
        if (profiles.stream().noneMatch(profile -> profile.name().equals(LocalAgent.NAME))) {
            local.find().ifPresent(found -> {
                profiles.add(0, found);
                store.save(profiles);
            });
        } else {
            // the local agent may have started on another port: take its current address and token
            local.find()
                    .ifPresent(found ->
                            profiles.replaceAll(profile -> profile.name().equals(LocalAgent.NAME) ? found : profile));
        }
        profiles.forEach(this::connect);
        return this;
    }

    public ObservableList<AgentSession> sessions() {
        return sessions;
    }

    public Optional<AgentSession> session(String name) {
        return sessions.stream().filter(session -> session.name().equals(name)).findFirst();
    }

    /** Where the agents and their tokens are kept. */
    public java.nio.file.Path profilesFile() {
        return store.file();
    }

    public LocalAgent localAgent() {
        return local;
    }

    /** Adds an agent, or replaces the one of that name. */
    public AgentSession put(AgentProfile profile) {
        session(profile.name()).ifPresent(this::disconnect);
        AgentSession session = connect(profile);
        save();
        return session;
    }

    public void remove(AgentSession session) {
        disconnect(session);
        save();
    }

    private AgentSession connect(AgentProfile profile) {
        AgentClient client = new AgentClient(profile, requests);
        AgentSession session = new AgentSession(client, io, ui, timer, clock);
        session.addRunListener(event -> onEvent.accept(session, event));
        sessions.add(session);
        eventStreams.put(
                session,
                new EventStream(client, streams, timer, new EventStream.Listener() {
                            @Override
                            public void onEvent(String type, com.fasterxml.jackson.databind.JsonNode data) {
                                session.eventArrived(type, data);
                            }

                            @Override
                            public void onConnected(boolean connected) {
                                session.streamConnected(connected);
                            }
                        })
                        .open());
        return session.start();
    }

    private void disconnect(AgentSession session) {
        sessions.remove(session);
        session.close();
        EventStream stream = eventStreams.remove(session);
        if (stream != null) {
            stream.close();
        }
    }

    private void save() {
        store.save(sessions.stream().map(AgentSession::profile).toList());
    }

    @Override
    public void close() {
        List.copyOf(sessions).forEach(this::disconnect);
        requests.dispatcher().executorService().shutdown();
        requests.connectionPool().evictAll();
    }
}
