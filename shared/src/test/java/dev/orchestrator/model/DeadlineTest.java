package dev.orchestrator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a deadline falls for a scheduled time, across the days the clocks change. */
class DeadlineTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Deadline finishBy(String time) {
        return new Deadline(Optional.empty(), Optional.empty(), Optional.of(LocalTime.parse(time)));
    }

    @Test
    void aFinishByTimeTheClocksSkipFallsAtTheEndOfTheGap() {
        // 2027-03-28: Berlin goes from 02:00 CET straight to 03:00 CEST
        ZonedDateTime scheduled = ZonedDateTime.of(2027, 3, 28, 1, 0, 0, 0, BERLIN);

        Deadline.Due due = finishBy("02:30").finish(scheduled).orElseThrow();

        assertThat(due.at().toOffsetDateTime()).hasToString("2027-03-28T03:00+02:00");
        assertThat(due.kind()).isEqualTo(Deadline.Kind.FINISH);
        assertThat(due.rule()).isEqualTo("finish_by \"02:30\"");
    }

    @Test
    void aFinishByTimeTheClocksRepeatFallsAtItsFirstOccurrence() {
        // 2027-10-31: Berlin goes from 03:00 CEST back to 02:00 CET, so 02:30 comes twice
        ZonedDateTime scheduled = ZonedDateTime.of(2027, 10, 31, 1, 0, 0, 0, BERLIN);

        assertThat(finishBy("02:30").finish(scheduled).orElseThrow().at().toOffsetDateTime())
                .hasToString("2027-10-31T02:30+02:00");
    }

    @Test
    void aFinishByTimeNotAfterTheScheduledTimeIsTheNextDays() {
        ZonedDateTime scheduled = ZonedDateTime.of(2027, 6, 1, 23, 0, 0, 0, BERLIN);

        assertThat(finishBy("06:00").finish(scheduled).orElseThrow().at())
                .isEqualTo(ZonedDateTime.of(2027, 6, 2, 6, 0, 0, 0, BERLIN));
    }

    @Test
    void theFinishDeadlineIsTheEarlierOfWithinAndBy() {
        Deadline deadline = new Deadline(
                Optional.of(Duration.ofMinutes(5)),
                Optional.of(Duration.ofMinutes(30)),
                Optional.of(LocalTime.of(7, 0)));
        ZonedDateTime early = ZonedDateTime.of(2027, 6, 1, 6, 0, 0, 0, BERLIN);
        ZonedDateTime late = ZonedDateTime.of(2027, 6, 1, 6, 45, 0, 0, BERLIN);

        assertThat(deadline.finish(early).orElseThrow().rule()).isEqualTo("finish_within_seconds 1800");
        assertThat(deadline.finish(late).orElseThrow().rule()).isEqualTo("finish_by \"07:00\"");
        assertThat(deadline.start(early).orElseThrow().at()).isEqualTo(early.plusMinutes(5));
    }
}
