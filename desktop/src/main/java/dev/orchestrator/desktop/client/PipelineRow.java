package dev.orchestrator.desktop.client;

import dev.orchestrator.api.ParamDeclarationDto;
import java.time.OffsetDateTime;
import java.util.List;

/** One pipeline as {@code GET /pipelines} lists it, with its parameters for the trigger form. */
public record PipelineRow(
        String id,
        String name,
        String schedule,
        OffsetDateTime nextRun,
        String status,
        List<String> labels,
        List<ParamDeclarationDto> parameters) {

    public PipelineRow {
        parameters = parameters == null ? List.of() : List.copyOf(parameters); // an agent before issue 22 sends none
    }

    public boolean paused() {
        return "paused".equals(status);
    }
}
