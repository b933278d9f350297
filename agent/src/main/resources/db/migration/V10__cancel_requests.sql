-- Cancels asked of one agent of a cluster for a run another agent runs (SPEC 11: every agent serves the whole
-- history, so a client may ask any of them). The agent running it takes its requests every 250 ms and cancels.
-- One script for H2 and PostgreSQL.
CREATE TABLE cancel_requests (
    run_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    reason          VARCHAR(1000) NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cancel_requests_run FOREIGN KEY (run_id) REFERENCES runs (run_id) ON DELETE CASCADE
);
