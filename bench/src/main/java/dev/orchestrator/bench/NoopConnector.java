package dev.orchestrator.bench;

import dev.orchestrator.connector.Connector;

/** Tasks that do nothing (or only sleep), so a benchmark measures the engine and its persistence alone. */
@Connector(value = "noop", threadSafe = true)
public final class NoopConnector {

    public Object nothing() {
        return null;
    }

    public void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
