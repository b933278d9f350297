package dev.orchestrator.agent.execute;

/** What one attempt's code produced: an output, or the error it ended with. */
record AttemptResult(Object output, Throwable error) {

    static AttemptResult success(Object output) {
        return new AttemptResult(output, null);
    }

    static AttemptResult failure(Throwable error) {
        return new AttemptResult(null, error);
    }

    boolean failed() {
        return error != null;
    }
}
