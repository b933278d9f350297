package dev.orchestrator.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces the values that came from {@code ${VAR}} references with {@code ***} in any text before it is
 * stored, logged, sent or shown. Immutable and thread-safe.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not masked: {@code ${RETRIES:-3}} is not a secret,
 * and masking every "3" in every log line would make the logs useless without hiding anything.
 *
 * <p>A secret is masked in the forms it takes on its way through URLs, JSON and HTTP headers as well:
 * <ul>
 *   <li>URL-encoded: any mix of raw characters and {@code %XX} bytes of their UTF-8 (hex digits in either case),
 *       a space also as {@code +}, so the forms of every encoder are covered (letters, digits and {@code -._~}
 *       are expected as they are, as every encoder leaves them);</li>
 *   <li>JSON-escaped: {@code \"}, {@code \\}, {@code \/}, {@code \n} and the other short escapes, and
 *       {@code \}{@code uXXXX} for any character;</li>
 *   <li>Base64 of its UTF-8, standard and URL-safe alphabets, with or without padding, whole or inside a longer
 *       Base64 text (HTTP Basic {@code user:secret}) at each of the three byte alignments. There the one or two
 *       characters at each end that also hold bits of the neighbouring bytes stay visible: they hold at most
 *       four bits of the secret. Base64 forms are masked for secrets of {@value #MIN_BASE64_BYTES} bytes and
 *       more, whose fragments are long enough not to match by chance.</li>
 * </ul>
 * Combinations (Base64 of a URL-encoded secret, say) and other encodings (hex, HTML entities) are not masked.
 */
public final class SecretMasker {

    public static final String MASK = "***";
    static final int MIN_LENGTH = 4;
    static final int MIN_BASE64_BYTES = 5;

    private static final SecretMasker NONE = new SecretMasker(new String[0], new String[0], new Escaped[0]);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    // the values as given, for plus()
    private final String[] secrets;
    // the secrets and their Base64 forms, longest first, so that a secret containing another one is masked whole
    private final String[] literals;
    // the URL-encoded and JSON-escaped forms of the secrets that have characters to encode, longest first
    private final Escaped[] escaped;

    /**
     * A secret's encoded forms, and the longest run of its letters and digits, which every form holds as it is:
     * a text without that run cannot hold the secret, and is not searched with the (slower) expression.
     */
    private record Escaped(String anchor, Pattern pattern) {}

    private SecretMasker(String[] secrets, String[] literals, Escaped[] escaped) {
        this.secrets = secrets;
        this.literals = literals;
        this.escaped = escaped;
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
        if (kept.isEmpty()) {
            return NONE;
        }
        Set<String> literals = new LinkedHashSet<>(kept);
        List<String> withEscapes = new ArrayList<>();
        for (String secret : kept) {
            literals.addAll(base64Forms(secret));
            if (hasCharacterToEscape(secret)) {
                withEscapes.add(secret);
            }
        }
        String[] sorted = literals.toArray(new String[0]);
        Arrays.sort(sorted, BY_LENGTH_DESCENDING);
        withEscapes.sort(BY_LENGTH_DESCENDING);
        Escaped[] escaped = withEscapes.stream()
                .map(secret -> new Escaped(longestPlainRun(secret), Pattern.compile(escapedForm(secret))))
                .toArray(Escaped[]::new);
        return new SecretMasker(kept.toArray(new String[0]), sorted, escaped);
    }

    private static final Comparator<String> BY_LENGTH_DESCENDING =
            Comparator.comparingInt(String::length).reversed();

    public SecretMasker plus(SecretMasker other) {
        Set<String> all = new LinkedHashSet<>(Arrays.asList(secrets));
        all.addAll(Arrays.asList(other.secrets));
        return of(all);
    }

    /** The text with every secret, in any of the forms above, replaced by {@code ***}; null stays null. */
    public String mask(String text) {
        if (text == null || secrets.length == 0) {
            return text;
        }
        String masked = text;
        for (String literal : literals) {
            if (masked.contains(literal)) {
                masked = masked.replace(literal, MASK);
            }
        }
        if (escaped.length > 0 && (masked.indexOf('%') >= 0 || masked.indexOf('+') >= 0 || masked.indexOf('\\') >= 0)) {
            for (Escaped form : escaped) {
                if (masked.contains(form.anchor())) {
                    masked = form.pattern().matcher(masked).replaceAll(MASK);
                }
            }
        }
        return masked;
    }

    /**
     * The Base64 text that a secret's bytes make wherever they stand in a longer byte stream: for each alignment
     * (the stream's bytes before the secret, modulo 3), the characters made of the secret's bits alone; and the
     * whole encoding of the secret on its own, padded and not. Each in the standard and the URL-safe alphabet.
     */
    private static List<String> base64Forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>();
        if (bytes.length < MIN_BASE64_BYTES) {
            return forms;
        }
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        for (int offset = 0; offset < 3; offset++) {
            byte[] aligned = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, aligned, offset, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(aligned);
            // with one byte before, characters 0 and 1 hold its bits; with two, characters 0 to 2
            int first = offset == 0 ? 0 : offset + 1;
            // a character past the last whole 6 bits also holds bits of the byte after the secret
            int end = aligned.length * 8 / 6;
            forms.add(encoded.substring(first, end));
        }
        List<String> both = new ArrayList<>(forms.size() * 2);
        for (String form : forms) {
            both.add(form);
            both.add(form.replace('+', '-').replace('/', '_'));
        }
        return both;
    }

    /** Characters left as they are by every URL encoder and every JSON writer. */
    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    private static boolean hasCharacterToEscape(String secret) {
        return !secret.chars().allMatch(SecretMasker::isPlain);
    }

    private static String longestPlainRun(String secret) {
        String longest = "";
        int start = 0;
        for (int i = 0; i <= secret.length(); i++) {
            if (i == secret.length() || !isPlain(secret.charAt(i))) {
                if (i - start > longest.length()) {
                    longest = secret.substring(start, i);
                }
                start = i + 1;
            }
        }
        return longest;
    }

    /**
     * A regular expression for the secret with each character that an encoder may change raw, URL-encoded or
     * JSON-escaped; letters, digits and {@code -._~} stand as they are, as every encoder leaves them.
     */
    private static String escapedForm(String secret) {
        StringBuilder pattern = new StringBuilder();
        secret.codePoints().forEach(codePoint -> {
            String character = new String(Character.toChars(codePoint));
            if (isPlain(codePoint)) {
                pattern.append(Pattern.quote(character));
                return;
            }
            pattern.append("(?:").append(Pattern.quote(character));
            pattern.append('|');
            for (byte utf8 : character.getBytes(StandardCharsets.UTF_8)) {
                pattern.append('%').append(hexDigit((utf8 >> 4) & 0xF)).append(hexDigit(utf8 & 0xF));
            }
            pattern.append('|');
            for (char unit : character.toCharArray()) {
                pattern.append("\\\\u")
                        .append(hexDigit(unit >> 12))
                        .append(hexDigit((unit >> 8) & 0xF))
                        .append(hexDigit((unit >> 4) & 0xF))
                        .append(hexDigit(unit & 0xF));
            }
            switch (codePoint) {
                case ' ' -> pattern.append("|\\+");
                case '"' -> pattern.append("|\\\\\"");
                case '\\' -> pattern.append("|\\\\\\\\");
                case '/' -> pattern.append("|\\\\/");
                case '\b' -> pattern.append("|\\\\b");
                case '\f' -> pattern.append("|\\\\f");
                case '\n' -> pattern.append("|\\\\n");
                case '\r' -> pattern.append("|\\\\r");
                case '\t' -> pattern.append("|\\\\t");
                default -> {
                    // no short escape
                }
            }
            pattern.append(')');
        });
        return pattern.toString();
    }

    /** A hex digit in either case, as a character class (or the digit itself). */
    private static String hexDigit(int value) {
        char upper = HEX[value];
        return upper >= 'A' ? "[" + upper + Character.toLowerCase(upper) + "]" : String.valueOf(upper);
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
