package dev.orchestrator.desktop.dashboard;

import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.ui.Columns;
import dev.orchestrator.desktop.ui.StateBadgeCell;
import dev.orchestrator.desktop.ui.StateStyles;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The columns of the dashboard's tables, chosen so that at 1280×800 a pipeline's id is read whole: in each table the
 * pipeline takes the width its short, fixed columns leave; the zone of the times is said once, in the table's
 * heading; the agent's column shows only when more than one agent is connected; longer texts (a deadline, what a
 * late run was doing) wrap in their rows and keep their whole text in a tooltip.
 */
final class DashboardTables {

    /** Wide enough for {@code 13:10:58} and for {@code Dec 8, 06:30}, with the cell's padding. */
    private static final double TIME = 96;

    private static final double AGENT = 80;

    /** The least a pipeline's column keeps: about 18 characters. */
    private static final double PIPELINE = 150;

    private final ZoneId zone;
    private final Clock clock;
    private final BooleanBinding severalAgents;

    DashboardTables(DashboardModel model, Clock clock) {
        this.clock = clock;
        this.zone = clock.getZone();
        this.severalAgents = Bindings.size(model.sessions()).greaterThan(1);
    }

    /** {@code Last 10 runs (Etc/UTC) ...}: a table's heading with the zone its times are in. */
    String heading(String title, String hint) {
        return Format.inZone(title, zone) + (hint.isEmpty() ? "" : " · " + hint);
    }

    void lastRuns(TableView<DashboardModel.AgentRun> table) {
        TableColumn<DashboardModel.AgentRun, String> pipeline =
                Columns.text("Pipeline", run -> run.run().pipelineId());
        TableColumn<DashboardModel.AgentRun, String> state = new TableColumn<>("State");
        state.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(
                cell.getValue().run().status()));
        state.setCellFactory(column -> new StateBadgeCell<>());
        TableColumn<DashboardModel.AgentRun, String> started = Columns.text(
                "Started",
                run -> Format.started(run.run().startedAt(), run.run().status(), zone, LocalDate.now(clock)));
        TableColumn<DashboardModel.AgentRun, String> duration = Columns.text(
                "Duration",
                run -> run.run().startedAt() == null || run.run().finishedAt() == null
                        ? "—"
                        : Format.duration(java.time.Duration.between(
                                        run.run().startedAt(), run.run().finishedAt())
                                .toMillis()));
        table.getColumns().setAll(List.of(pipeline, state, started, duration, agent(DashboardModel.AgentRun::agent)));
        Columns.fixed(state, 96);
        Columns.fixed(started, TIME + 4);
        Columns.fixed(duration, 86);
        Columns.fill(table, pipeline, PIPELINE);
        table.setPlaceholder(Columns.placeholder("No runs yet"));
    }

    void upcoming(TableView<DashboardModel.AgentFire> table) {
        TableColumn<DashboardModel.AgentFire, String> pipeline =
                Columns.text("Pipeline", fire -> fire.fire().pipelineId());
        TableColumn<DashboardModel.AgentFire, String> due =
                Columns.text("Due", fire -> Format.time(fire.fire().fireTime(), zone, LocalDate.now(clock)));
        table.getColumns().setAll(List.of(pipeline, due, agent(DashboardModel.AgentFire::agent)));
        Columns.fixed(due, TIME);
        Columns.fill(table, pipeline, PIPELINE);
        table.setPlaceholder(Columns.placeholder("Nothing due in the next 6 hours"));
    }

    /** The failing pipelines: the time of the last failure, in the colour of its state, which the tooltip names. */
    void failing(TableView<DashboardModel.AgentFinishedRun> table) {
        TableColumn<DashboardModel.AgentFinishedRun, String> pipeline =
                Columns.text("Pipeline", run -> run.run().pipelineId());
        TableColumn<DashboardModel.AgentFinishedRun, DashboardModel.AgentFinishedRun> when =
                new TableColumn<>("Failed");
        // the row itself is the cell's value: its colour and its tooltip need the whole run
        when.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        when.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(DashboardModel.AgentFinishedRun run, boolean empty) {
                super.updateItem(run, empty);
                String time = run == null ? null : Format.time(run.run().finishedAt(), zone, LocalDate.now(clock));
                // coloured text as a graphic, as the badges are: a cell whose own style class changes as it is reused
                // was drawn at the top of its row
                javafx.scene.control.Label shown = new javafx.scene.control.Label(time);
                StateStyles.apply(shown, empty || run == null ? null : run.run().status());
                setGraphic(empty || run == null ? null : shown);
                if (!empty && run != null) {
                    tooltip.setText(Format.state(run.run().status()) + " at " + time + " · "
                            + run.run().runId());
                }
                setTooltip(empty || run == null ? null : tooltip);
            }
        });
        table.getColumns().setAll(List.of(pipeline, when, agent(DashboardModel.AgentFinishedRun::agent)));
        Columns.fixed(when, 84);
        Columns.fill(table, pipeline, PIPELINE);
        table.setPlaceholder(Columns.placeholder("No failing pipelines"));
    }

    void late(TableView<DashboardModel.AgentMissed> table) {
        TableColumn<DashboardModel.AgentMissed, String> pipeline =
                Columns.text("Pipeline", missed -> missed.missed().pipelineId());
        TableColumn<DashboardModel.AgentMissed, String> scheduled = Columns.text(
                "Scheduled", missed -> Format.time(missed.missed().scheduledFor(), zone, LocalDate.now(clock)));
        TableColumn<DashboardModel.AgentMissed, String> deadline = Columns.wrapping(
                Columns.text("Deadline", missed -> deadline(missed.missed().deadline())));
        TableColumn<DashboardModel.AgentMissed, String> run = Columns.wrapping(
                Columns.text("What happened", missed -> inZone(happened(missed.missed()), zone, LocalDate.now(clock))));
        table.getColumns()
                .setAll(List.of(pipeline, scheduled, deadline, run, agent(DashboardModel.AgentMissed::agent)));
        Columns.fixed(scheduled, 100);
        deadline.setPrefWidth(150);
        run.setPrefWidth(170);
        Columns.fill(table, pipeline, PIPELINE);
        table.setPlaceholder(Columns.placeholder("No deadline missed today"));
    }

    /**
     * The deadline in words that wrap in a narrow column ({@code finish within 5 min}, {@code finish by 07:00}) rather
     * than the file's keys ({@code finish_within_seconds 300}), broken mid-word.
     */
    static String deadline(String rule) {
        if (rule == null) {
            return null;
        }
        String stripped = rule.strip();
        int space = stripped.indexOf(' ');
        String key = space < 0 ? stripped : stripped.substring(0, space);
        String value =
                space < 0 ? "" : stripped.substring(space + 1).replace("\"", "").strip();
        if (key.endsWith("_within_seconds") && value.matches("\\d+")) {
            return key.substring(0, key.indexOf('_')) + " within " + seconds(Long.parseLong(value));
        }
        return (key.replace('_', ' ') + " " + value).strip();
    }

    private static String seconds(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    /**
     * What happened to the fire's run, without the run's id the agent's words begin with ({@code queued since
     * 06:00:02}): the id says little in a narrow column, and a double-click opens the run.
     */
    static String happened(dev.orchestrator.desktop.client.MissedDeadline missed) {
        if (missed.lateByMinutes() != null) {
            return "finished " + missed.lateByMinutes() + " min late";
        }
        String situation = missed.situation();
        if (situation != null && missed.runId() != null && situation.startsWith(missed.runId() + " ")) {
            return situation.substring(missed.runId().length() + 1);
        }
        return situation;
    }

    /** An instant the agent wrote ({@code 2026-12-07 15:57:00 +00:00}), with or without a T and Z. */
    private static final Pattern INSTANT =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) ?(Z|[+-]\\d{2}:\\d{2})");

    /**
     * The agent's words with each instant as the dashboard shows times ({@code running since 15:57:00}): in the zone
     * its heading names, without the date for today, so that what happened reads in a line or two.
     */
    static String inZone(String text, ZoneId zone, LocalDate today) {
        if (text == null) {
            return null;
        }
        Matcher instant = INSTANT.matcher(text);
        StringBuilder shown = new StringBuilder();
        while (instant.find()) {
            OffsetDateTime at = OffsetDateTime.parse(instant.group(1) + "T" + instant.group(2) + instant.group(3));
            instant.appendReplacement(shown, Matcher.quoteReplacement(Format.time(at, zone, today)));
        }
        instant.appendTail(shown);
        return shown.toString();
    }

    private <T> TableColumn<T, String> agent(Function<T, String> agentOf) {
        TableColumn<T, String> agent = Columns.text("Agent", agentOf);
        Columns.fixed(agent, AGENT);
        agent.visibleProperty().bind(severalAgents);
        return agent;
    }
}
