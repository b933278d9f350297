package dev.orchestrator.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The console's threads after the console closed: an answer already on its way to the UI thread asks them for more
 * work (the grid reads its next page, a run's clock starts ticking). Found by a loaded build, where such a late
 * answer of one console test landed in the next test as a {@code RejectedExecutionException} from the JDK's
 * executors; the console's own drop the work.
 */
class ConsoleThreadsTest {

    @Test
    void workAskedForAfterTheyStoppedIsDroppedNotRefused() throws InterruptedException {
        ExecutorService io = ConsoleThreads.io(2, ConsoleThreads.daemon("test-io"));
        ScheduledExecutorService timer = ConsoleThreads.timer(ConsoleThreads.daemon("test-timer"));
        CountDownLatch ranBefore = new CountDownLatch(2);
        io.execute(ranBefore::countDown);
        timer.schedule(ranBefore::countDown, 1, TimeUnit.MILLISECONDS);
        assertThat(ranBefore.await(30, TimeUnit.SECONDS))
                .as("work asked for while they run, runs")
                .isTrue();

        io.shutdownNow();
        timer.shutdownNow();
        AtomicInteger ranAfter = new AtomicInteger();
        assertThatCode(() -> {
                    io.execute(ranAfter::incrementAndGet);
                    timer.scheduleAtFixedRate(ranAfter::incrementAndGet, 0, 1, TimeUnit.MILLISECONDS);
                    timer.schedule(ranAfter::incrementAndGet, 0, TimeUnit.MILLISECONDS);
                })
                .doesNotThrowAnyException();
        assertThat(io.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(timer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ranAfter).hasValue(0);
    }

    @Test
    void theirThreadsAreDaemonsNamedForWhatTheyDo() throws Exception {
        ExecutorService io = ConsoleThreads.io(1, ConsoleThreads.daemon("console-io"));
        try {
            Thread thread = io.submit(Thread::currentThread).get(30, TimeUnit.SECONDS);
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getName()).isEqualTo("console-io");
        } finally {
            io.shutdownNow();
        }
    }
}
