package dev.orchestrator.desktop.run;

import dev.orchestrator.api.RunDto;
import java.util.function.Consumer;
import javafx.scene.control.Hyperlink;

/**
 * Links between runs that {@code pipeline:} tasks join (issue 19): from a calling task to the child run it started,
 * and from a child run's header back to the task and run that called it.
 */
final class RunLinks {

    private RunLinks() {}

    /** A link that opens the child run a task started. */
    static Hyperlink toChild(String childRunId, Consumer<String> openRun) {
        Hyperlink link = new Hyperlink(childRunId);
        link.setId("child-run-link");
        link.setOnAction(event -> openRun.accept(childRunId));
        return link;
    }

    /** The header's link back to the run whose task called this one; hidden for a run no task called. */
    static void showCaller(Hyperlink link, RunDto run, Consumer<String> openRun) {
        boolean called = run.parentTaskId() != null && run.parentRunId() != null;
        link.setVisible(called);
        link.setManaged(called);
        if (called) {
            link.setText("called by task " + run.parentTaskId() + " of run " + run.parentRunId());
            link.setOnAction(event -> openRun.accept(run.parentRunId()));
        }
    }
}
