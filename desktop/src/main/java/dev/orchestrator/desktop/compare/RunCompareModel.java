package dev.orchestrator.desktop.compare;

import dev.orchestrator.api.ParamChangeDto;
import dev.orchestrator.api.RunDiffDto;
import dev.orchestrator.api.RunDto;
import dev.orchestrator.api.TaskDiffDto;
import dev.orchestrator.desktop.client.OperatorRequests;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.session.AgentSession;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A run compared with the last run of its pipeline that succeeded before it: the agent's run diff, its tasks with the
 * changed ones first, the parameters and logical time that changed, and the diff of the pipeline's text when the two
 * ran different revisions. Read in the background by {@link #open()}; call on the UI thread.
 */
public final class RunCompareModel {

    /**
     * One task of the two runs side by side, as shown: {@code a} is the last success, {@code b} this run; a state is
     * null where that run has no such task.
     *
     * @param ratio  this run's duration over the last success's ({@code ×2.50}), or {@code —}
     * @param output {@code changed}, {@code same}, or {@code —} when neither stored one
     * @param error  the first line of this run's error, else of the last success's
     */
    public record Row(
            String taskId,
            boolean changed,
            String stateA,
            String stateB,
            String attemptsA,
            String attemptsB,
            String durationA,
            String durationB,
            String ratio,
            String output,
            String error) {}

    private final AgentSession session;
    private final RunDto run;
    private final Clock clock;
    private final SimpleObjectProperty<RunDiffDto> diff = new SimpleObjectProperty<>();
    private final SimpleStringProperty baseline = new SimpleStringProperty();
    private final SimpleStringProperty summary = new SimpleStringProperty("Looking for the last successful run…");
    private final SimpleStringProperty revisionDiff = new SimpleStringProperty("");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> changes = FXCollections.observableArrayList();

    /** @param run the run to compare (its id, pipeline and creation time) */
    public RunCompareModel(AgentSession session, RunDto run, Clock clock) {
        this.session = session;
        this.run = run;
        this.clock = clock;
    }

    /** Finds the last success before the run and reads the diff from it to the run. */
    public RunCompareModel open() {
        session.ask(
                "Compare " + run.runId() + " with the last success",
                client -> {
                    OperatorRequests requests = new OperatorRequests(client);
                    Optional<RunDto> last = requests.lastSuccessBefore(run.pipelineId(), run.createdAt());
                    return last.map(success -> requests.runDiff(success.runId(), run.runId()));
                },
                found -> found.ifPresentOrElse(this::show, this::nothingToCompare),
                summary::set);
        return this;
    }

    private void nothingToCompare() {
        summary.set("No run of " + run.pipelineId() + " succeeded before this one: there is nothing to compare with.");
    }

    private void show(RunDiffDto answer) {
        List<Row> all = new ArrayList<>();
        for (TaskDiffDto task : answer.tasks()) {
            all.add(row(task));
        }
        all.sort(Comparator.comparing((Row row) -> !row.changed())); // stable: the run's own order within each group
        long changed = all.stream().filter(Row::changed).count();
        List<String> lines = new ArrayList<>();
        if (answer.logicalTimeChanged()) {
            lines.add("Logical time: " + time(answer.logicalTimeA()) + " → " + time(answer.logicalTimeB()));
        }
        for (ParamChangeDto param :
                answer.paramsChanged() == null ? List.<ParamChangeDto>of() : answer.paramsChanged()) {
            lines.add("Parameter " + param.name() + ": " + paramChange(param));
        }
        if (answer.revisionChanged()) {
            lines.add("Pipeline revision: " + answer.revisionA() + " → " + answer.revisionB()
                    + (answer.revisionDiff() == null ? " (the older text is no longer kept)" : ""));
        } else if (answer.revisionB() != null) {
            lines.add("Same pipeline revision: " + answer.revisionB());
        }
        diff.set(answer);
        baseline.set(answer.a());
        rows.setAll(all);
        changes.setAll(lines);
        revisionDiff.set(answer.revisionDiff() == null ? "" : answer.revisionDiff());
        summary.set(changed + " of " + all.size() + (all.size() == 1 ? " task" : " tasks") + " changed since run "
                + answer.a() + ", the last success");
    }

    static Row row(TaskDiffDto task) {
        String output = task.outputChanged()
                ? "changed"
                : task.outputHashA() == null && task.outputHashB() == null ? "—" : "same";
        String error = task.firstErrorB() != null
                ? task.firstErrorB()
                : task.firstErrorA() == null ? "" : "(last success) " + task.firstErrorA();
        return new Row(
                task.taskId(),
                task.changed(),
                task.stateA(),
                task.stateB(),
                task.attemptsA() == null ? "—" : String.valueOf(task.attemptsA()),
                task.attemptsB() == null ? "—" : String.valueOf(task.attemptsB()),
                Format.duration(task.durationMsA()),
                Format.duration(task.durationMsB()),
                task.durationRatio() == null ? "—" : String.format(Locale.ROOT, "×%.2f", task.durationRatio()),
                output,
                error);
    }

    private static String paramChange(ParamChangeDto param) {
        return switch (param.change()) {
            case "added" -> "added, " + param.b();
            case "removed" -> "removed (was " + param.a() + ")";
            default -> Objects.toString(param.a()) + " → " + param.b();
        };
    }

    private String time(OffsetDateTime time) {
        return Format.time(time, clock.getZone(), LocalDate.now(clock));
    }

    /** The run compared. */
    public RunDto run() {
        return run;
    }

    /** The agent's answer, once read; null before, and when there is no success to compare with. */
    public ReadOnlyObjectProperty<RunDiffDto> diffProperty() {
        return diff;
    }

    /** The id of the last success compared with, once found. */
    public ReadOnlyStringProperty baselineProperty() {
        return baseline;
    }

    /** One sentence: how many tasks changed, or why there is nothing to show. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** The unified diff of the pipeline's text from the last success's revision to the run's; empty when the same. */
    public ReadOnlyStringProperty revisionDiffProperty() {
        return revisionDiff;
    }

    /** Every task of either run, the changed ones first. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** The logical time, parameters and revision that changed, one sentence each. */
    public ObservableList<String> changes() {
        return changes;
    }
}
