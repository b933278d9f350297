package dev.orchestrator.diagnostic;

import java.util.Collection;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" for misspelt keys, ids and names. */
public final class Suggestions {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {}

    /**
     * The candidate closest to {@code typed}, if it is close enough to be a typo: at most 2 edits, and at most a
     * third of the word's length, so that {@code id} does not suggest {@code on}.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = DISTANCE.apply(
                    typed.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.min(2, Math.max(1, typed.length() / 3));
        if (best != null && bestDistance <= allowed) {
            return Optional.of(best);
        }
        return containing(typed, candidates);
    }

    /**
     * {@code concurrency} for {@code max_concurrency}: a word of four letters or more inside one candidate; when
     * several hold it, the one candidate that starts with it ({@code delay} for {@code delay_seconds}, not
     * {@code max_delay_seconds}).
     */
    private static Optional<String> containing(String typed, Collection<String> candidates) {
        if (typed.length() < 4) {
            return Optional.empty();
        }
        String lower = typed.toLowerCase(java.util.Locale.ROOT);
        java.util.List<String> matches = candidates.stream()
                .filter(candidate ->
                        candidate.toLowerCase(java.util.Locale.ROOT).contains(lower))
                .toList();
        if (matches.size() > 1) {
            matches = matches.stream()
                    .filter(candidate ->
                            candidate.toLowerCase(java.util.Locale.ROOT).startsWith(lower))
                    .toList();
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** {@code did you mean 'x'?} when a candidate is close, else {@code null}. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        return closest(typed, candidates)
                .map(match -> "did you mean '" + match + "'?")
                .orElse(null);
    }
}
