package dev.orchestrator.desktop.run;

import dev.orchestrator.api.MapCountsDto;
import dev.orchestrator.desktop.graph.NodeProgress;
import java.util.Locale;

/** A map's counts as its node in the graph shows them: "1,234 / 2,000 · 12 running · 3 failed" and a bar. */
final class MapProgress {

    private MapProgress() {}

    static NodeProgress of(MapCountsDto counts) {
        return new NodeProgress(
                caption(counts), share(counts.done(), counts.total()), share(counts.failed(), counts.total()));
    }

    /** Items ended of all, then those running, waiting for a retry or failed when there are any. */
    static String caption(MapCountsDto counts) {
        StringBuilder caption = new StringBuilder(
                String.format(Locale.ROOT, "%,d / %,d", counts.done() + counts.failed(), counts.total()));
        if (counts.running() > 0) {
            caption.append(String.format(Locale.ROOT, " · %,d running", counts.running()));
        }
        if (counts.failed() > 0) {
            caption.append(String.format(Locale.ROOT, " · %,d failed", counts.failed()));
        }
        return caption.toString();
    }

    private static double share(int part, int total) {
        return total == 0 ? 0 : Math.min(1, (double) part / total);
    }
}
