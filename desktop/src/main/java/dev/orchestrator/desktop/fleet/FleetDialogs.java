package dev.orchestrator.desktop.fleet;

import java.util.List;

/**
 * What the fleet screen asks the user before it changes anything. The console answers with JavaFX dialogs ({@link
 * FxFleetDialogs}); a view-model test answers directly. Called on the UI thread.
 */
public interface FleetDialogs {

    /**
     * Shows the copy's preview (the target's verdict on the text) and asks whether to go ahead; a preview that is not
     * {@link CopyPreview#allowed() allowed} can only be dismissed.
     *
     * @return true only when the user confirmed the copy
     */
    boolean confirmCopy(CopyPreview preview);

    /**
     * Lists every agent and pipeline the action will touch and asks whether to go ahead.
     *
     * @param label the label the pipelines were selected by
     * @return true only when the user confirmed
     */
    boolean confirmAction(FleetAction action, String label, List<FleetTarget> targets);
}
