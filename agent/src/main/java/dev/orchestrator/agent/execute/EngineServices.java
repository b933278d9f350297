package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.RunStore;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** What every run's coordinator shares: the store, the threads, the clock. */
record EngineServices(RunStore store, ExecutorService workers, ScheduledExecutorService timers, AttemptRunner runner,
                      OutputStore outputs, EngineSettings settings, Clock clock, RunObserver observer,
                      ObjectMapper json) {
}
