package dev.orchestrator.cron;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.mapper.CronMapper;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code cron_expr}: 5 fields are Unix cron (minute hour day month weekday, Sunday 0 or 7), 6-7 fields
 * are Quartz syntax (with seconds, optional year). Parsing, English descriptions and fire times come from
 * cron-utils; nothing here reads cron by hand. Immutable and thread-safe.
 */
public final class CronSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String expression;
    private final Cron cron;
    private final boolean unix;

    private CronSchedule(String expression, Cron cron, boolean unix) {
        this.expression = expression;
        this.cron = cron;
        this.unix = unix;
    }

    /** @throws InvalidCronException with a message that quotes the expression and says what is wrong */
    public static CronSchedule parse(String expression) {
        String trimmed = expression.strip().replaceAll("\\s+", " ");
        int fields = trimmed.isEmpty() ? 0 : trimmed.split(" ").length;
        boolean unix = fields == 5;
        if (!unix && fields != 6 && fields != 7) {
            throw new InvalidCronException("cron_expr '" + expression + "' has " + fields + " fields; write 5 "
                    + "(minute hour day-of-month month day-of-week) or 6-7 (Quartz: second minute hour "
                    + "day-of-month month day-of-week [year])");
        }
        try {
            Cron cron = (unix ? UNIX : QUARTZ).parse(trimmed).validate();
            return new CronSchedule(trimmed, cron, unix);
        } catch (IllegalArgumentException e) {
            throw new InvalidCronException("cron_expr '" + expression + "' is not valid " + (unix ? "Unix" : "Quartz")
                    + " cron: " + e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    public boolean isUnix() {
        return unix;
    }

    /** The same schedule in Quartz syntax, for Quartz's CronTrigger. */
    public String toQuartz() {
        return unix ? CronMapper.fromUnixToQuartz().map(cron).asString() : expression;
    }

    /** In plain English, for example "at 06:00". */
    public String describe() {
        return CronDescriptor.instance(Locale.UK).describe(cron);
    }

    /** The first fire time strictly after {@code after}, in {@code after}'s zone; empty if it never fires again. */
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
        return ExecutionTime.forCron(cron).nextExecution(after);
    }

    /** Up to {@code count} fire times after {@code after}. */
    public List<ZonedDateTime> nextFireTimes(ZonedDateTime after, int count) {
        List<ZonedDateTime> times = new ArrayList<>(count);
        ZonedDateTime cursor = after;
        while (times.size() < count) {
            Optional<ZonedDateTime> next = nextAfter(cursor);
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            cursor = next.get();
        }
        return times;
    }
}
