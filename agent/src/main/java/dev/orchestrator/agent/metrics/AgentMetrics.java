package dev.orchestrator.agent.metrics;

import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.schedule.FireHandler;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * What {@code /metrics} reports, in the Prometheus text format: runs finished by pipeline and state, runs
 * going and queued, task durations, how late scheduled fires come, and the JVM's memory and threads. Hears
 * the engine as a run observer; its own registry, not the library's global one, so two agents in one JVM
 * (tests) keep their figures apart.
 */
public final class AgentMetrics implements RunObserver {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Clock clock;
    private final Counter runsFinished;
    private final Histogram taskDuration;
    private final Histogram fireLateness;
    private final Map<String, Long> taskStarts = new ConcurrentHashMap<>();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * @param activeRuns runs going now
     * @param queuedRuns runs waiting for a free instance of their pipeline
     */
    public AgentMetrics(Clock clock, IntSupplier activeRuns, IntSupplier queuedRuns) {
        this.clock = clock;
        runsFinished = Counter.builder()
                .name("orchestrator_runs_finished_total")
                .help("Runs ended, by pipeline and final state")
                .labelNames("pipeline", "status")
                .register(registry);
        taskDuration = Histogram.builder()
                .name("orchestrator_task_duration_seconds")
                .help("How long task attempts ran, by how they ended")
                .labelNames("status")
                .classicOnly()
                .classicUpperBounds(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600)
                .register(registry);
        fireLateness = Histogram.builder()
                .name("orchestrator_schedule_lateness_seconds")
                .help("How long after its scheduled time a fire reached the agent")
                .classicOnly()
                .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 60)
                .register(registry);
        GaugeWithCallback.builder()
                .name("orchestrator_runs_active")
                .help("Runs going now")
                .callback(callback -> callback.call(activeRuns.getAsInt()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("orchestrator_run_queue_depth")
                .help("Runs waiting for a free instance of their pipeline (max_instances)")
                .callback(callback -> callback.call(queuedRuns.getAsInt()))
                .register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
    }

    /** The scheduler's handler, timing how late each fire arrives before handing it on. */
    public FireHandler timing(FireHandler handler) {
        return (pipelineId, scheduledFor) -> {
            Duration late = Duration.between(scheduledFor, clock.instant());
            fireLateness.observe(Math.max(0, late.toNanos()) / 1e9);
            handler.fired(pipelineId, scheduledFor);
        };
    }

    @Override
    public void runChanged(String runId, String pipelineId, RunState state) {
        if (state.isTerminal()) {
            runsFinished.labelValues(pipelineId, state.yamlName()).inc();
        }
    }

    @Override
    public void taskChanged(String runId, String taskId, TaskState state, int attempt) {
        String key = runId + '/' + taskId;
        if (state == TaskState.RUNNING) {
            taskStarts.putIfAbsent(key, System.nanoTime()); // a sensor's second poke goes on from its first
            return;
        }
        if (state == TaskState.WAITING) {
            return; // not done yet: an event wait, or a sensor between pokes
        }
        Long started = taskStarts.remove(key);
        if (started != null) {
            taskDuration
                    .labelValues(state == TaskState.RETRYING ? "failed" : state.yamlName())
                    .observe((System.nanoTime() - started) / 1e9);
        }
    }

    public String contentType() {
        return writer.getContentType();
    }

    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
