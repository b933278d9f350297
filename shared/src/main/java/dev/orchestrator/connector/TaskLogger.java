package dev.orchestrator.connector;

/** The task's own log: each line is stored with its level and time, with secrets masked. Thread-safe. */
public interface TaskLogger {

    void info(String message);

    void warn(String message);

    void error(String message);
}
