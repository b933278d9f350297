package dev.orchestrator.desktop.shell;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A part of the window built the first time it is asked for, not when the window is: the console's first window
 * shows the dashboard only, and building the other screens before it (the editor's WebView alone took about 2 s of
 * a 4.5 s start, bench/README.md) only delayed it. Once built it is kept, so a screen keeps its state between
 * visits. FX thread only.
 */
final class Lazy<T> {

    private final Supplier<T> build;
    private T value;

    Lazy(Supplier<T> build) {
        this.build = build;
    }

    /** The value, built now if it was not yet. */
    T get() {
        if (value == null) {
            value = build.get();
        }
        return value;
    }

    /** The value if it was built; empty while nobody asked for it. */
    Optional<T> built() {
        return Optional.ofNullable(value);
    }

    /** True when the value was built and is this very object (the screen the window shows, say). */
    boolean is(Object object) {
        return value != null && value == object;
    }
}
