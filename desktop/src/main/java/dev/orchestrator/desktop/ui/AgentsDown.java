package dev.orchestrator.desktop.ui;

import dev.orchestrator.desktop.session.AgentHealth;
import dev.orchestrator.desktop.session.AgentSession;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TableView;

/** Which rows of a table come from an agent that does not answer, kept current as agents come and go. */
public final class AgentsDown {

    private AgentsDown() {}

    /**
     * A test for {@link RowActivation#install(TableView, java.util.function.Consumer, Predicate)}: true for the rows
     * whose agent (named by {@code agentOf}) is stale; {@code table} is refreshed whenever an agent's health changes.
     */
    public static <T> Predicate<T> of(
            TableView<T> table, ObservableList<AgentSession> sessions, Function<T, String> agentOf) {
        InvalidationListener refresh = observable -> table.refresh();
        sessions.forEach(session -> session.healthProperty().addListener(refresh));
        sessions.addListener((ListChangeListener<AgentSession>) change -> {
            while (change.next()) {
                change.getAddedSubList()
                        .forEach(session -> session.healthProperty().addListener(refresh));
                change.getRemoved().forEach(session -> session.healthProperty().removeListener(refresh));
            }
            table.refresh();
        });
        return item -> sessions.stream()
                .anyMatch(session -> session.name().equals(agentOf.apply(item))
                        && session.healthProperty().get() == AgentHealth.STALE);
    }
}
