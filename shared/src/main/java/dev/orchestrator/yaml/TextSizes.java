package dev.orchestrator.yaml;

import java.util.Locale;

/**
 * Sizes of pipeline text: its UTF-8 length, counted without encoding it, and sizes as the loader's messages
 * show them. Stateless.
 */
final class TextSizes {

    private TextSizes() {}

    /** The text's UTF-8 length. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            bytes += utf8Length(text.charAt(i));
        }
        return bytes;
    }

    /** The text's UTF-8 length, or a length over {@code limit} as soon as it passes it. */
    static long utf8Length(String text, long limit) {
        if ((long) text.length() * 3 <= limit) {
            return text.length(); // short enough whatever its characters
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= limit; i++) {
            bytes += utf8Length(text.charAt(i));
        }
        return bytes;
    }

    private static int utf8Length(char c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }

    /** A size over {@code limit}: in bytes when one decimal would round it to the limit itself. */
    static String describeOversize(long bytes, long limit) {
        String shown = describeSize(bytes);
        boolean looksWithin = shown.equals(String.format(Locale.ROOT, "%.1f MB", limit / (1024.0 * 1024.0)));
        return looksWithin ? String.format(Locale.ROOT, "%,d bytes", bytes) : shown;
    }

    /** {@code 512 KB}, {@code 5 MB}, {@code 52.4 MB}. */
    static String describeSize(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        double megabytes = bytes / (1024.0 * 1024.0);
        return megabytes == Math.rint(megabytes)
                ? (long) megabytes + " MB"
                : String.format(Locale.ROOT, "%.1f MB", megabytes);
    }
}
