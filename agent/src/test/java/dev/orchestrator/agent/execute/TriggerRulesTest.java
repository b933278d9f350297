package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trigger rules with issue 19's skipped dependencies and its none_failed, and run_if's false values. */
class TriggerRulesTest {

    private static final List<TaskState> SKIPPED_AND_SUCCESS = List.of(TaskState.SKIPPED, TaskState.SUCCESS);
    private static final List<TaskState> FAILED_AND_SKIPPED = List.of(TaskState.FAILED, TaskState.SKIPPED);

    @Test
    void aSkippedDependencySkipsAllSuccessAndOneFailedButNotNoneFailedOrAllDone() {
        assertThat(TriggerRules.decide(TriggerRule.ALL_SUCCESS, SKIPPED_AND_SUCCESS, false))
                .isEqualTo(TriggerRules.Decision.SKIP);
        assertThat(TriggerRules.decide(TriggerRule.ONE_FAILED, SKIPPED_AND_SUCCESS, false))
                .isEqualTo(TriggerRules.Decision.SKIP);
        assertThat(TriggerRules.decide(TriggerRule.NONE_FAILED, SKIPPED_AND_SUCCESS, false))
                .isEqualTo(TriggerRules.Decision.READY);
        assertThat(TriggerRules.decide(TriggerRule.ALL_DONE, SKIPPED_AND_SUCCESS, false))
                .isEqualTo(TriggerRules.Decision.READY);
    }

    @Test
    void noneFailedDoesNotRunAfterAFailureNorOnceTheRunStops() {
        assertThat(TriggerRules.decide(TriggerRule.NONE_FAILED, FAILED_AND_SKIPPED, false))
                .isEqualTo(TriggerRules.Decision.UPSTREAM_FAILED);
        assertThat(TriggerRules.decide(
                        TriggerRule.NONE_FAILED, List.of(TaskState.UPSTREAM_FAILED, TaskState.SUCCESS), false))
                .isEqualTo(TriggerRules.Decision.UPSTREAM_FAILED);
        assertThat(TriggerRules.decide(TriggerRule.NONE_FAILED, List.of(TaskState.TIMEOUT), false))
                .isEqualTo(TriggerRules.Decision.UPSTREAM_FAILED);
        assertThat(TriggerRules.decide(TriggerRule.NONE_FAILED, List.of(TaskState.RUNNING), false))
                .isEqualTo(TriggerRules.Decision.WAIT);
        assertThat(TriggerRules.decide(TriggerRule.NONE_FAILED, SKIPPED_AND_SUCCESS, true))
                .isEqualTo(TriggerRules.Decision.SKIP);
        assertThat(TriggerRules.decide(TriggerRule.ALL_DONE, FAILED_AND_SKIPPED, true))
                .isEqualTo(TriggerRules.Decision.READY);
    }

    @Test
    void runIfFalseValues() {
        for (String no :
                List.of("", "  ", "false", "False", "0", "0.0", "no", "NO", "off", "null", "none", "[]", "{}")) {
            assertThat(RunIfGate.isFalse(no)).as("'%s'", no).isTrue();
        }
        for (String yes : List.of("true", "1", "yes", "3 rows", "[1]", "x")) {
            assertThat(RunIfGate.isFalse(yes)).as("'%s'", yes).isFalse();
        }
    }
}
