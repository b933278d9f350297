package dev.orchestrator.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A number of seconds for a test's {@code sleep} that names its processes among all on the machine, so that the
 * test can count them and clean them up. A fixed number is not enough: two builds of this repository running at
 * once (a developer's and CI's), or two test classes of one build in parallel forks, would count and kill each
 * other's. The digits after the point are drawn at random per call; a test may append a digit to tell its own
 * processes apart ({@code sleep 43.1234561}, {@code sleep 43.1234562}), which {@code sleep} reads as a number too.
 */
public final class SleepMarker {

    private SleepMarker() {}

    /** {@code seconds} and six random decimals, e.g. {@code 43.518204}. */
    public static String seconds(int seconds) {
        return seconds + "." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }
}
