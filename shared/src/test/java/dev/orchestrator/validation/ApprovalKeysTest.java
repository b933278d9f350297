package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.Approval;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 20's approval gates: how the reader binds {@code approval:}, and what the validator reports, where. */
class ApprovalKeysTest {

    @Test
    void anApprovalTaskCallsNothingAndWaitsForItsOwnTimeoutTheTasksOrADay() {
        PipelineConfig config = Fixtures.read(Fixtures.resource("valid/approval-gates.yaml"));
        assertThat(config.diagnostics()).isEmpty();
        Pipeline pipeline = config.pipeline("publish_numbers").orElseThrow();

        Task signOff = pipeline.task("sign_off").orElseThrow();
        assertThat(signOff.approval()).contains(new Approval("Publish the Q3 numbers?"));
        assertThat(signOff.callsConnector()).isFalse();
        assertThat(signOff.connector()).isEmpty();
        assertThat(signOff.timeout()).isEqualTo(Duration.ofDays(1));
        assertThat(pipeline.task("sign_off_default").orElseThrow().timeout()).isEqualTo(Approval.DEFAULT_TIMEOUT);
        assertThat(pipeline.task("sign_off_task_timeout").orElseThrow().timeout())
                .isEqualTo(Duration.ofHours(1));
        assertThat(pipeline.task("publish").orElseThrow().approval()).isEmpty();
    }

    @Test
    void anApprovalWithAConnectorIsReportedAtTheConnectorsKeyWithLineAndColumn() {
        PipelineConfig config = Fixtures.read(Fixtures.resource("invalid/apr001-approval-with-connector.yaml"));

        Diagnostic connector = config.diagnostics().stream()
                .filter(diagnostic -> diagnostic.message().contains("'connector'"))
                .findFirst()
                .orElseThrow();
        assertThat(connector.code()).isEqualTo("APR001");
        assertThat(connector.line()).isEqualTo(12);
        assertThat(connector.column()).isEqualTo(9);
        assertThat(connector.message()).contains("task 'sign_off' waits for an approval");
    }

    @Test
    void anApprovalWithoutAMessageIsAMissingKey() {
        PipelineConfig config = Fixtures.read(Fixtures.resource("invalid/key002-approval-without-message.yaml"));

        assertThat(config.diagnostics())
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.message()).contains("message"));
    }
}
