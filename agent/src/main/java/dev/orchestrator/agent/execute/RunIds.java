package dev.orchestrator.agent.execute;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Run ids such as {@code run_20240315_060001_a3f2c1d4e5f6}: sortable by creation time (UTC), unguessable enough,
 * and unique without asking anyone: 48 random bits, because agents of a cluster create runs in the same second
 * (24 bits collided in a benchmark at 400 runs a second).
 */
final class RunIds {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RunIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        return next(clock.instant());
    }

    /** The id of a run created at this instant: its date and time are the run's {@code created_at} (the run search
     * reads a date in {@code q} as a range of creation times). */
    String next(java.time.Instant createdAt) {
        byte[] suffix = new byte[6];
        random.nextBytes(suffix);
        return "run_" + FORMAT.format(createdAt) + "_" + HexFormat.of().formatHex(suffix);
    }
}
