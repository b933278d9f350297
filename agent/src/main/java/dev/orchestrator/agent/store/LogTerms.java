package dev.orchestrator.agent.store;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a log is found by: runs of letters, digits and underscores, lowercased, 2 to 64 characters, each
 * once; numbers alone are left out (row counts and durations are in every line, and nobody finds a run by
 * them). The same split is applied to what is searched.
 */
public final class LogTerms {

    /**
     * The entry of a run with too many distinct words to index them all (an id or a hash in every line): such a
     * run may hold any word, and every search reads its lines. Never a word: words are letters, digits and
     * underscores.
     */
    public static final String EVERY_WORD = "*";

    /** Longer runs (hashes, base64) are cut: nobody types them in full, and a prefix still finds them. */
    public static final int MAX_LENGTH = 64;
    /** A line with more distinct words is indexed by its first ones: enough to find it, bounded to store. */
    private static final int MAX_TERMS_PER_LINE = 200;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]{2,}");
    private static final Pattern NUMBER = Pattern.compile("\\p{N}+");

    private LogTerms() {}

    public static Set<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        if (text == null) {
            return terms;
        }
        Matcher words = WORD.matcher(text);
        while (words.find() && terms.size() < MAX_TERMS_PER_LINE) {
            String word = words.group().toLowerCase(Locale.ROOT);
            if (NUMBER.matcher(word).matches()) {
                continue;
            }
            terms.add(word.length() > MAX_LENGTH ? word.substring(0, MAX_LENGTH) : word);
        }
        return terms;
    }

    /** The term a search is driven by: its longest word, the likeliest to be rare. */
    public static java.util.Optional<String> rarest(String query) {
        return of(query).stream().max(java.util.Comparator.comparingInt(String::length));
    }
}
