package dev.orchestrator.desktop.fleet;

import dev.orchestrator.desktop.client.ValidationRequests;

/**
 * What copying a pipeline's text onto another agent would do, shown before it is done: whose text, onto which agent
 * and file, and the target agent's own verdict on the text (its connectors and plugins judge it).
 *
 * @param changedLines how many lines of the target's file the copy changes
 */
public record CopyPreview(
        String pipelineId,
        Drift.Variant from,
        Drift.Holder target,
        ValidationRequests.Verdict verdict,
        long changedLines) {

    /** Whether the copy may go ahead: the target found no error in the text. */
    public boolean allowed() {
        return verdict.valid();
    }
}
