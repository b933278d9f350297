package dev.orchestrator.agent.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.model.NotifyChannel;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts off the run's thread, to each channel on its own, retrying a channel that fails with growing
 * waits, and logging (never throwing) when it keeps failing: an alert can never fail a run. Thread-safe.
 */
public final class AlertDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final Logger ALERTS = LoggerFactory.getLogger("dev.orchestrator.alerts");

    private final Map<String, ChannelSender> senders;
    private final List<Duration> retryWaits;
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, work -> {
        Thread thread = new Thread(work, "alerts");
        thread.setDaemon(true);
        return thread;
    });

    /** @param retryWaits the wait before each retry of a failed channel: its size is the number of retries */
    public AlertDispatcher(
            java.util.function.Supplier<OkHttpClient> http, ObjectMapper json, Clock clock, List<Duration> retryWaits) {
        HttpChannels channels = new HttpChannels(http, json, clock);
        this.senders = Map.of(
                "log",
                (channel, alert) -> ALERTS.warn("{}", alert.text()),
                "webhook",
                channels.webhook(),
                "slack",
                channels.slack(),
                "feishu",
                channels.feishu());
        this.retryWaits = List.copyOf(retryWaits);
    }

    public void dispatch(List<NotifyChannel> channels, Alert alert, SecretMasker masker) {
        for (NotifyChannel channel : channels) {
            ChannelSender sender = senders.get(channel.name());
            if (sender == null) {
                LOG.error("alert for run {} not sent: unknown channel '{}'", alert.runId(), channel.name());
                continue;
            }
            threads.execute(() -> attempt(sender, channel, alert, masker, 0));
        }
    }

    private void attempt(ChannelSender sender, NotifyChannel channel, Alert alert, SecretMasker masker, int retry) {
        try {
            sender.send(channel, alert);
        } catch (IOException | RuntimeException e) {
            String problem = masker.mask(e.getMessage() == null ? e.toString() : e.getMessage());
            if (retry < retryWaits.size()) {
                LOG.warn(
                        "alert for run {} to channel {} failed ({}); retrying in {} ms",
                        alert.runId(),
                        channel.name(),
                        problem,
                        retryWaits.get(retry).toMillis());
                threads.schedule(
                        () -> attempt(sender, channel, alert, masker, retry + 1),
                        retryWaits.get(retry).toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                LOG.error(
                        "alert for run {} to channel {} given up after {} attempts: {}",
                        alert.runId(),
                        channel.name(),
                        retry + 1,
                        problem);
            }
        }
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
