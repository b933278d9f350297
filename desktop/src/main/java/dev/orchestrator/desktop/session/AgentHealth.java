package dev.orchestrator.desktop.session;

/** How the console stands with one agent. */
public enum AgentHealth {
    /** Not reached yet. */
    CONNECTING,
    /** Answering: what is shown is current. */
    ONLINE,
    /** Not answering: what is shown is the last known data, read-only, until it answers again. */
    STALE
}
