package dev.orchestrator.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void fiveFieldsAreUnixCronWithSundayAsZeroOrSeven() {
        ZonedDateTime wednesday = ZonedDateTime.of(2024, 3, 13, 12, 0, 0, 0, BERLIN);

        ZonedDateTime withZero =
                CronSchedule.parse("0 6 * * 0").nextAfter(wednesday).orElseThrow();
        ZonedDateTime withSeven =
                CronSchedule.parse("0 6 * * 7").nextAfter(wednesday).orElseThrow();

        assertThat(withZero.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(withSeven).isEqualTo(withZero);
        assertThat(withZero.toLocalDateTime()).hasToString("2024-03-17T06:00");
    }

    @Test
    void mondayIsOneNotZero() {
        ZonedDateTime sunday = ZonedDateTime.of(2024, 3, 17, 12, 0, 0, 0, BERLIN);

        assertThat(CronSchedule.parse("0 6 * * 1")
                        .nextAfter(sunday)
                        .orElseThrow()
                        .getDayOfWeek())
                .isEqualTo(DayOfWeek.MONDAY);
    }

    @Test
    void sixOrSevenFieldsAreQuartzSyntax() {
        CronSchedule everyThirtySeconds = CronSchedule.parse("0/30 * * ? * *");
        ZonedDateTime start = ZonedDateTime.of(2024, 3, 13, 12, 0, 10, 0, BERLIN);

        assertThat(everyThirtySeconds.isUnix()).isFalse();
        assertThat(everyThirtySeconds.nextFireTimes(start, 2))
                .extracting(ZonedDateTime::getSecond)
                .containsExactly(30, 0);
        assertThat(CronSchedule.parse("0 0 6 ? * MON-FRI 2030").isUnix()).isFalse();
    }

    @Test
    void unixExpressionsTranslateToQuartzThatFiresAtTheSameTimes() {
        ZonedDateTime start = ZonedDateTime.of(2024, 3, 13, 12, 0, 0, 0, BERLIN);
        for (String unix : new String[] {"30 2 * * *", "0 8 * * 1-5", "*/15 * * * 0", "0 0 1 * *"}) {
            CronSchedule original = CronSchedule.parse(unix);
            CronSchedule quartz = CronSchedule.parse(original.toQuartz());

            assertThat(quartz.isUnix()).isFalse();
            assertThat(quartz.nextFireTimes(start, 20))
                    .as(unix + " as " + original.toQuartz())
                    .isEqualTo(original.nextFireTimes(start, 20));
        }
    }

    @Test
    void describesTheScheduleInEnglish() {
        assertThat(CronSchedule.parse("0 6 * * *").describe()).containsIgnoringCase("6");
    }

    @Test
    void rejectsWrongFieldCountsAndValuesWithTheExpressionQuoted() {
        assertThatThrownBy(() -> CronSchedule.parse("0 6 * *"))
                .isInstanceOf(InvalidCronException.class)
                .hasMessageContaining("'0 6 * *'")
                .hasMessageContaining("4 fields");
        assertThatThrownBy(() -> CronSchedule.parse("61 6 * * *"))
                .isInstanceOf(InvalidCronException.class)
                .hasMessageContaining("'61 6 * * *'");
    }

    @Test
    void anImpossibleDateNeverFires() {
        assertThat(CronSchedule.parse("0 0 30 2 *").nextAfter(ZonedDateTime.now(BERLIN)))
                .isEmpty();
    }
}
