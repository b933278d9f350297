package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.template.TemplateRenderer;
import java.time.Clock;

/** What every run's coordinator shares: the stores, the threads, the clock; the calls of other pipelines. */
record EngineServices(
        RunStore store,
        EventWaitStore waits,
        EngineThreads threads,
        AttemptRunner runner,
        TemplateRenderer templates,
        OutputStore outputs,
        EngineSettings settings,
        Clock clock,
        RunObserver observer,
        ObjectMapper json,
        ProcessGroups processGroups,
        PipelineCalls calls) {}
