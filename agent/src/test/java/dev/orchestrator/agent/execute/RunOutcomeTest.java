package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RunOutcome#of}: how a run ended, from where its tasks stand. */
class RunOutcomeTest {

    private static Map<String, TaskState> tasks(Object... idsAndStates) {
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        for (int i = 0; i < idsAndStates.length; i += 2) {
            tasks.put((String) idsAndStates[i], (TaskState) idsAndStates[i + 1]);
        }
        return tasks;
    }

    @Test
    void aRunWhoseTasksSucceededOrWereSkippedSucceedsWithoutAReason() {
        RunOutcome outcome = RunOutcome.of(
                tasks("a", TaskState.SUCCESS, "b", TaskState.SKIPPED), Optional.empty(), Optional.empty());

        assertThat(outcome).isEqualTo(new RunOutcome(RunState.SUCCESS, Optional.empty(), java.util.List.of()));
    }

    @Test
    void aRunFailsNamingEveryTaskThatDidNotSucceedButNotifiesOnlyOfThoseThatFailedThemselves() {
        RunOutcome outcome = RunOutcome.of(
                tasks(
                        "a",
                        TaskState.FAILED,
                        "b",
                        TaskState.UPSTREAM_FAILED,
                        "c",
                        TaskState.TIMEOUT,
                        "d",
                        TaskState.SUCCESS,
                        "e",
                        TaskState.CRASHED),
                Optional.empty(),
                Optional.empty());

        assertThat(outcome.state()).isEqualTo(RunState.FAILED);
        assertThat(outcome.reason()).contains("failed tasks: a, b, c, e");
        assertThat(outcome.failedTasks()).containsExactly("a", "c", "e");
    }

    @Test
    void aLongListOfFailedTasksIsCutAfterTen() {
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        for (int i = 1; i <= 12; i++) {
            tasks.put("t" + i, TaskState.FAILED);
        }

        assertThat(RunOutcome.of(tasks, Optional.empty(), Optional.empty()).reason())
                .hasValueSatisfying(reason -> assertThat(reason).endsWith("t10, ... and 2 more"));
    }

    @Test
    void aStoppedRunEndsAsItWasStoppedForItsReason() {
        RunOutcome cancelled = RunOutcome.of(
                tasks("a", TaskState.CANCELLED, "b", TaskState.FAILED),
                Optional.of(RunState.CANCELLED),
                Optional.of("cancelled by alice"));
        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        assertThat(cancelled.reason()).contains("cancelled by alice");
        assertThat(cancelled.failedTasks()).containsExactly("b");

        RunOutcome timedOut = RunOutcome.of(
                tasks("a", TaskState.TIMEOUT),
                Optional.of(RunState.FAILED),
                Optional.of("the run timed out after 5 s"));
        assertThat(timedOut.reason()).contains("the run timed out after 5 s");
    }

    @Test
    void aRunCancelledWithoutAReasonHasNone() {
        RunOutcome outcome =
                RunOutcome.of(tasks("a", TaskState.CANCELLED), Optional.of(RunState.CANCELLED), Optional.empty());

        assertThat(outcome.reason()).isEmpty();
    }
}
