package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's two timer threads only decide when: whatever a timer sets going (a retry that starts an attempt,
 * an attempt's or a run's timeout, a grace period running out, a sensor's next poke, an event wait's timeout, the
 * periodic log flush, the sweep for delivered events) reaches the database from a worker, so one slow disk cannot
 * hold up every timeout and retry of the agent.
 */
class TimerThreadsTest {

    /** Every store call the engine made, as "thread Store.method". */
    private final List<String> storeCalls = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final EngineFixture engine = new EngineFixture(
            LogBudget.DEFAULT,
            store -> recording(RunStore.class, store),
            waits -> recording(EventWaitStore.class, waits));

    @Test
    void noStoreCallHappensOnATimerThread() throws InterruptedException {
        String everything = engine.start(engine.pipeline("""
                pipelines:
                  - id: on_timers
                    stop_on_failure: false
                    tasks:
                      - id: flaky
                        connector: test
                        connector_config: { journal: "timer-threads-%s" }
                        action: flaky
                        action_kwargs: { key: flaky, failures: 2 }
                        retry: { times: 2, delay_seconds: 0.1 }
                      - id: nap
                        connector: test
                        action: sleep
                        action_kwargs: { millis: 30000 }
                        timeout_seconds: 0.3
                        retry: { times: 1, delay_seconds: 0.05 }
                      - { id: stubborn, connector: test, action: stubborn, action_kwargs: { millis: 1500 }, timeout_seconds: 0.3, retry: { times: 0 } }
                      - { id: chatty, connector: test, action: logThenSleep, action_kwargs: { message: hello, millis: 2500 } }
                      - id: sensor
                        connector: csv_file
                        connector_config: { base_dir: "%s" }
                        action: exists
                        action_kwargs: { path: never.flag }
                        sensor: { poke_interval_seconds: 0.2 }
                        timeout_seconds: 1
                      - { id: wait, wait_for: { event: never, key: k }, timeout_seconds: 0.5 }
                """.formatted(System.nanoTime(), engine.directory)));
        String limited = engine.start(engine.pipeline("""
                pipelines:
                  - id: run_limit
                    timeout_seconds: 0.5
                    tasks:
                      - { id: long, connector: test, action: sleep, action_kwargs: { millis: 30000 }, timeout_seconds: 60 }
                      - { id: later, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [long] }
                """));

        assertThat(engine.await(everything)).isEqualTo(RunState.FAILED);
        assertThat(engine.await(limited)).isEqualTo(RunState.FAILED);

        RunDetail detail = engine.store.findRun(everything).orElseThrow();
        assertThat(detail.task("flaky").orElseThrow().attempts())
                .as("retried twice after its delays")
                .hasSize(3);
        assertThat(detail.task("nap").orElseThrow().attempts())
                .extracting(attempt -> attempt.status())
                .containsExactly(TaskState.TIMEOUT, TaskState.TIMEOUT);
        assertThat(detail.task("stubborn").orElseThrow().status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(detail.task("sensor").orElseThrow().status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(detail.task("wait").orElseThrow().status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(engine.store.findRun(limited).orElseThrow().run().reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("run timed out"));
        assertThat(storeCalls)
                .as("the engine's store calls were seen")
                .anyMatch(call -> call.endsWith(".appendLogs"))
                .anyMatch(call -> call.endsWith(".deliveredWaits"));
        assertThat(storeCalls)
                .as("store calls made on a timer thread")
                .noneMatch(call -> call.startsWith(EngineThreads.TIMER_PREFIX));
    }

    private <T> T recording(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            storeCalls.add(Thread.currentThread().getName() + " " + type.getSimpleName() + "." + method.getName());
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
