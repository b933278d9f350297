package dev.orchestrator.desktop.graph;

import java.util.Objects;

/**
 * How far a map (a {@code for_each} task) has got, as its box shows it under the label: a caption such as
 * "1,234 / 2,000 · 12 running · 3 failed" and a bar whose parts are the shares of its items done and failed.
 *
 * @param done   the share of items that succeeded, 0 to 1
 * @param failed the share of items that ended without success, 0 to 1
 */
public record NodeProgress(String caption, double done, double failed) {

    public NodeProgress {
        Objects.requireNonNull(caption, "caption");
        if (done < 0 || failed < 0 || done + failed > 1.000_001) {
            throw new IllegalArgumentException(
                    "shares of items must be between 0 and 1 in all, got done " + done + " and failed " + failed);
        }
    }
}
