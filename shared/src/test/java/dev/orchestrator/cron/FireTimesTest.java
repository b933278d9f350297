package dev.orchestrator.cron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.model.MisfirePolicy;
import dev.orchestrator.model.Schedule;
import dev.orchestrator.model.ScheduleType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FireTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Schedule cron(String expression, ZoneId zone) {
        return new Schedule(
                ScheduleType.CRON,
                Optional.of(expression),
                Optional.of(zone),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                1,
                MisfirePolicy.RUN_ONCE,
                Optional.empty());
    }

    private static Instant at(String localTime, ZoneId zone) {
        return LocalDateTime.parse(localTime).atZone(zone).toInstant();
    }

    @Test
    void halfPastTwoInBerlinFiresOnceAtThreeOnTheSpringForwardDay() {
        FireTimes fireTimes = FireTimes.of(cron("30 2 * * *", BERLIN), UTC);

        List<ZonedDateTime> times = fireTimes.upcoming(at("2024-03-30T12:00", BERLIN), 3);

        assertThat(times)
                .extracting(ZonedDateTime::toOffsetDateTime)
                .extracting(Object::toString)
                .containsExactly("2024-03-31T03:00+02:00", "2024-04-01T02:30+02:00", "2024-04-02T02:30+02:00");
    }

    @Test
    void halfPastTwoInBerlinFiresOnceOnTheFallBackDay() {
        FireTimes fireTimes = FireTimes.of(cron("30 2 * * *", BERLIN), UTC);

        List<ZonedDateTime> times = fireTimes.upcoming(at("2024-10-26T12:00", BERLIN), 3);

        assertThat(times)
                .extracting(time -> time.toOffsetDateTime().toString())
                .containsExactly("2024-10-27T02:30+02:00", "2024-10-28T02:30+01:00", "2024-10-29T02:30+01:00");
        assertThat(Duration.between(times.get(0), times.get(1))).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void everyFifteenMinutesFiresOnceAtTheEndOfTheSkippedHourAndOncePerRepeatedTime() {
        FireTimes fireTimes = FireTimes.of(cron("*/15 * * * *", BERLIN), UTC);

        List<ZonedDateTime> spring =
                fireTimes.between(at("2024-03-31T01:40", BERLIN), at("2024-03-31T03:20", BERLIN), 20);
        List<ZonedDateTime> autumn =
                fireTimes.between(Instant.parse("2024-10-27T00:40:00Z"), Instant.parse("2024-10-27T02:20:00Z"), 20);

        assertThat(spring)
                .extracting(time -> time.toOffsetDateTime().toString())
                .containsExactly("2024-03-31T01:45+01:00", "2024-03-31T03:00+02:00", "2024-03-31T03:15+02:00");
        // 02:00-02:45 exist twice: each fires at its first occurrence only
        assertThat(autumn)
                .extracting(time -> time.toOffsetDateTime().toString())
                .containsExactly("2024-10-27T02:45+02:00", "2024-10-27T03:00+01:00", "2024-10-27T03:15+01:00");
    }

    @Test
    void respectsStartAndEndDatesInThePipelinesZone() {
        Schedule schedule = new Schedule(
                ScheduleType.CRON,
                Optional.of("0 6 * * *"),
                Optional.of(BERLIN),
                Optional.of(LocalDateTime.parse("2024-05-10T00:00")),
                Optional.of(LocalDateTime.parse("2024-05-12T23:59:59")),
                Optional.empty(),
                1,
                MisfirePolicy.RUN_ONCE,
                Optional.empty());

        List<ZonedDateTime> times = FireTimes.of(schedule, UTC).upcoming(at("2024-05-01T00:00", BERLIN), 10);

        assertThat(times)
                .extracting(time -> time.toLocalDateTime().toString())
                .containsExactly("2024-05-10T06:00", "2024-05-11T06:00", "2024-05-12T06:00");
    }

    @Test
    void intervalsFallOnMarksCountedFromTheStartDateOrTheEpoch() {
        Schedule everyFiveMinutes = new Schedule(
                ScheduleType.INTERVAL,
                Optional.empty(),
                Optional.of(UTC),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Duration.ofMinutes(5)),
                1,
                MisfirePolicy.RUN_ONCE,
                Optional.empty());

        List<ZonedDateTime> times =
                FireTimes.of(everyFiveMinutes, UTC).upcoming(Instant.parse("2024-05-01T10:02:13Z"), 2);

        assertThat(times)
                .extracting(time -> time.toInstant().toString())
                .containsExactly("2024-05-01T10:05:00Z", "2024-05-01T10:10:00Z");
    }

    @Test
    void fireTimesAreWholeSecondsWhateverTheMillisecondsOfNow() {
        FireTimes everySecond = FireTimes.of(cron("* * * * * ?", UTC), UTC);

        List<ZonedDateTime> times = everySecond.upcoming(Instant.parse("2024-05-01T10:00:00.734Z"), 3);

        assertThat(times)
                .extracting(time -> time.toInstant().toString())
                .containsExactly("2024-05-01T10:00:01Z", "2024-05-01T10:00:02Z", "2024-05-01T10:00:03Z");
    }

    @Test
    void aManualScheduleNeverFires() {
        Schedule manual = Schedule.manual();

        assertThat(FireTimes.of(manual, UTC).isTimed()).isFalse();
        assertThat(FireTimes.of(manual, UTC).nextAfter(Instant.now())).isEmpty();
    }
}
