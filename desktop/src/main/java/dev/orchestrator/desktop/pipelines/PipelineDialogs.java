package dev.orchestrator.desktop.pipelines;

import dev.orchestrator.api.PipelineRevisionDto;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * What the pipelines screen asks the user. The console answers with JavaFX dialogs ({@link FxPipelineDialogs});
 * a view-model test answers directly. Called on the UI thread; an empty answer means the user cancelled.
 */
public interface PipelineDialogs {

    /** The parameters of a run of {@code item}, as its trigger form ({@link TriggerFormModel#values()}) gives them. */
    Optional<Map<String, Object>> askParameters(PipelinesModel.Item item);

    /** The days to backfill {@code item} over, first and last included, proposing {@code from} to {@code to}. */
    Optional<Days> askBackfillDays(PipelinesModel.Item item, LocalDate from, LocalDate to);

    /**
     * Whether to make an old version of a pipeline current again.
     *
     * @param diff the unified diff from that version to the current one, as the history shows it
     */
    boolean confirmRestore(String pipelineId, PipelineRevisionDto revision, String diff);

    /** From the first day to the last, both included. */
    record Days(LocalDate first, LocalDate last) {}
}
