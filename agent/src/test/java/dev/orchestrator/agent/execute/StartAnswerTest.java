package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who asks for a run (a {@code POST /trigger}) gets its id once the run is committed, without waiting for the run
 * to be marked running and its first tasks started (issue 23: those writes were a third of the trigger's round
 * trip).
 */
class StartAnswerTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @RegisterExtension
    final EngineFixture engine =
            new EngineFixture(LogBudget.DEFAULT, this::holdingTheRunsStart, UnaryOperator.identity());

    /** The engine's store, whose write of a run's start waits until the test releases it. */
    private RunStore holdingTheRunsStart(RunStore store) {
        return (RunStore) Proxy.newProxyInstance(
                RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("markRunStarted")) {
                        release.await(2, TimeUnit.MINUTES);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aRunsIdIsHandedOutOnceTheRunIsCommittedNotAfterItsStart() throws Exception {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: one
                    tasks:
                      - { id: only, connector: test, action: echo, action_kwargs: { value: 1 } }
                """);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<String> started = caller.submit(() -> engine.start(pipeline));

            String runId = started.get(30, TimeUnit.SECONDS); // before: blocked until the start was written

            assertThat(engine.store.findRun(runId))
                    .as("the run is committed before its id is handed out")
                    .hasValueSatisfying(
                            detail -> assertThat(detail.run().status()).isEqualTo(RunState.QUEUED));
            release.countDown();
            assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        } finally {
            release.countDown();
            caller.shutdownNow();
        }
    }
}
