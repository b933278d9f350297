package dev.orchestrator.secret;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Replaces the values that came from {@code ${VAR}} references with {@code ***} in any text before it is
 * stored, logged, sent or shown. Immutable and thread-safe.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not masked: {@code ${RETRIES:-3}} is not a secret,
 * and masking every "3" in every log line would make the logs useless without hiding anything.
 */
public final class SecretMasker {

    public static final String MASK = "***";
    static final int MIN_LENGTH = 4;

    private static final SecretMasker NONE = new SecretMasker(new String[0]);

    // longest first, so that a secret containing another one is masked whole
    private final String[] secrets;

    private SecretMasker(String[] secrets) {
        this.secrets = secrets;
    }

    public static SecretMasker none() {
        return NONE;
    }

    public static SecretMasker of(Collection<String> values) {
        Set<String> kept = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && value.length() >= MIN_LENGTH) {
                kept.add(value);
            }
        }
        String[] secrets = kept.toArray(new String[0]);
        Arrays.sort(secrets, Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(secrets);
    }

    public SecretMasker plus(SecretMasker other) {
        Set<String> all = new LinkedHashSet<>(Arrays.asList(secrets));
        all.addAll(Arrays.asList(other.secrets));
        return of(all);
    }

    /** The text with every secret replaced by {@code ***}; null stays null. */
    public String mask(String text) {
        if (text == null || secrets.length == 0) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }

    /**
     * A copy of a value tree (maps, lists, strings, numbers...) with every string, keys included, masked. Mask
     * values before turning them into JSON, never the JSON text: escaping would hide a secret holding a quote,
     * and masking a number inside the text would break the JSON.
     */
    public Object maskTree(Object value) {
        if (secrets.length == 0 || value == null) {
            return value;
        }
        if (value instanceof String text) {
            return mask(text);
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> masked = new java.util.LinkedHashMap<>();
            map.forEach((key, nested) -> masked.put(maskTree(key), maskTree(nested)));
            return masked;
        }
        if (value instanceof java.util.Collection<?> collection) {
            java.util.List<Object> masked = new java.util.ArrayList<>(collection.size());
            collection.forEach(nested -> masked.add(maskTree(nested)));
            return masked;
        }
        return value;
    }

    public boolean isEmpty() {
        return secrets.length == 0;
    }
}
