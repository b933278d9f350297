package dev.orchestrator.desktop.runs;

import dev.orchestrator.api.BulkRunDto;
import java.util.List;

/**
 * What the runs screen asks the user. The console answers with a JavaFX dialog ({@link FxRunsDialogs}); a view-model
 * test answers directly. Called on the UI thread.
 */
public interface RunsDialogs {

    /**
     * Whether to cancel or retry the runs a dry run planned.
     *
     * @param action  {@code cancel} or {@code retry}
     * @param planned the runs it would act on (outcome {@code planned}), at least one
     * @param skipped the runs selected that it would leave alone, with the reason
     */
    boolean confirmBulk(String action, List<BulkRunDto> planned, List<BulkRunDto> skipped);
}
