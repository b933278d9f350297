package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.model.RunState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance 3 of waiting tasks: two hundred runs waiting at once hold no threads (the agent's thread count
 * stays where it was) and no slots, and every one completes when its event arrives.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ManyWaitsTest {

    private static final int RUNS = 200;

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: order_flow
                max_concurrency: 1
                schedule: { type: manual, max_instances: %d }
                params: { order_id: "0" }
                tasks:
                  - id: wait_ready
                    wait_for: { event: order_ready, key: "{{ params.order_id }}" }
                    timeout_seconds: 600
                  - id: confirm
                    connector: csv_file
                    connector_config: { base_dir: . }
                    action: exists
                    action_kwargs: { path: "nothing-{{ params.order_id }}.csv" }
                    depends_on: [wait_ready]
            """.formatted(RUNS));

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void twoHundredWaitingRunsHoldNoThreadsAndAllCompleteOnTheirEvents() throws InterruptedException {
        // one run first, so that every pool the API and the engine keep has started
        String warmUp = trigger("warm-up");
        awaitWaitingCount(1);
        post("warm-up");
        assertThat(agent.awaitEnd(warmUp)).isEqualTo(RunState.SUCCESS);
        int before = THREADS.getThreadCount();

        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runIds.add(trigger(Integer.toString(i)));
        }
        awaitWaitingCount(RUNS);
        int whileWaiting = THREADS.getThreadCount();

        // a thread per waiting run would add 200; a few come and go with the API's and the database's pools
        assertThat(whileWaiting - before)
                .as("threads before %d, with %d runs waiting %d", before, RUNS, whileWaiting)
                .isLessThan(20);
        assertThat(agent.agent().executor().activeRunCount()).isEqualTo(RUNS);

        for (int i = RUNS - 1; i >= 0; i--) {
            post(Integer.toString(i));
        }
        for (String runId : runIds) {
            assertThat(agent.awaitEnd(runId)).as(runId).isEqualTo(RunState.SUCCESS);
        }
    }

    private String trigger(String orderId) {
        LiveAgent.Answer answer =
                agent.post("/trigger/order_flow", "{\"params\": {\"order_id\": \"" + orderId + "\"}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json(agent.json).get("run_id").asText();
    }

    private void post(String key) {
        LiveAgent.Answer answer = agent.post("/api/v1/events/order_ready", "{\"key\": \"" + key + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json(agent.json).get("delivered_to"))
                .as("event " + key)
                .hasSize(1);
    }

    /**
     * Until this many tasks of the pipeline are waiting, as the run list and details say, and their waits are
     * stored: the state is recorded a moment before the wait, and an event posted between the two is kept for
     * the wait rather than delivered to it, so the test, which asserts delivery, posts only after both.
     */
    private void awaitWaitingCount(int expected) {
        // polled on this thread: the test counts threads, and a polling thread of its own would be one
        await().atMost(Duration.ofSeconds(60))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    long waiting = agent.agent().runStore().findRuns("order_flow", 10_000).stream()
                            .filter(run -> run.status() == RunState.RUNNING)
                            .map(run -> agent.agent()
                                    .runStore()
                                    .findRun(run.runId())
                                    .orElseThrow())
                            .filter(detail ->
                                    detail.task("wait_ready").orElseThrow().status()
                                            == dev.orchestrator.model.TaskState.WAITING)
                            .count();
                    int stored = agent.agent().waits().waitsFor("order_ready").size();
                    assertThat(waiting)
                            .as("%d of %d tasks waiting after 60 s", waiting, expected)
                            .isGreaterThanOrEqualTo(expected);
                    assertThat(stored)
                            .as("%d of %d waits stored after 60 s", stored, expected)
                            .isGreaterThanOrEqualTo(expected);
                });
    }
}
