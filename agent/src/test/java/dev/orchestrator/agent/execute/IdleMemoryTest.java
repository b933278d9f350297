package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.model.Pipeline;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent hands the burst's heap back once it turns idle (issue 16 item 12), through a real engine. */
class IdleMemoryTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    private final AtomicInteger collections = new AtomicInteger();

    @Test
    void oneCollectionOnceTheRunsHaveEndedNoneWhileOneIsActiveNoneWithoutWork() throws InterruptedException {
        IdleMemory idle = new IdleMemory(
                engine.executor::activeRunCount, engine.executor::endedRunCount, collections::incrementAndGet);
        idle.run();
        idle.run();
        assertThat(collections).as("no work yet, no collection").hasValue(0);

        String sleeping = engine.start(engine.pipeline("""
                pipelines:
                  - id: sleepy
                    tasks:
                      - { id: nap, connector: test, action: sleep, action_kwargs: { millis: 1500 } }
                """));
        Pipeline quick = engine.pipeline("""
                pipelines:
                  - id: quick
                    tasks:
                      - { id: say, connector: test, action: echo, action_kwargs: { value: x } }
                """);
        for (int i = 0; i < 3; i++) {
            engine.await(engine.start(quick));
        }
        idle.run();
        idle.run();
        assertThat(collections).as("a run is still going").hasValue(0);

        engine.await(sleeping);
        awaitCondition(() -> engine.executor.activeRunCount() == 0 && engine.executor.endedRunCount() == 4);
        idle.run();
        idle.run();
        idle.run();
        assertThat(collections).as("one collection once the runs have ended").hasValue(1);
        idle.run();
        idle.run();
        assertThat(collections).as("no work since, no further collection").hasValue(1);

        engine.await(engine.start(quick));
        awaitCondition(() -> engine.executor.endedRunCount() == 5);
        idle.run();
        idle.run();
        assertThat(collections).as("idle again after new work").hasValue(2);
    }

    private static void awaitCondition(BooleanSupplier condition) {
        await("the condition")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }
}
