package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.model.Deadline;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** A pipeline's {@code deadline:} binds to the model; its mistakes are the fixtures' (dead00x-*.yaml). */
class DeadlineFormatTest {

    @Test
    void aDeadlineBindsItsThreeKeys() {
        Deadline deadline = Fixtures.read(Fixtures.resource("valid/every-key.yaml"))
                .pipeline("every_key")
                .orElseThrow()
                .deadline()
                .orElseThrow();

        assertThat(deadline.startWithin()).contains(Duration.ofMinutes(5));
        assertThat(deadline.finishWithin()).contains(Duration.ofMinutes(30));
        assertThat(deadline.finishBy()).contains(LocalTime.of(7, 0));
    }

    @Test
    void aPipelineWithoutADeadlineHasNone() {
        assertThat(Fixtures.read(Fixtures.resource("valid/anchors.yaml"))
                        .pipeline("anchors")
                        .orElseThrow()
                        .deadline())
                .isEmpty();
    }
}
