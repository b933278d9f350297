-- The process groups of running attempts (one per subprocess an attempt starts), so that an agent that died
-- without stopping them — killed, or its machine's power cut mid-write — has them killed by its next start. A row
-- goes when its attempt ends. The leader's start time (clock ticks since boot) tells the group from a later one
-- that reused its id. One script for H2 and PostgreSQL.
CREATE TABLE process_groups (
    run_id              VARCHAR(64)  NOT NULL,
    task_id             VARCHAR(128) NOT NULL,
    attempt             INTEGER      NOT NULL,
    group_id            BIGINT       NOT NULL,
    leader_start_ticks  BIGINT       NOT NULL,
    PRIMARY KEY (run_id, task_id, attempt, group_id),
    CONSTRAINT process_groups_attempt FOREIGN KEY (run_id, task_id, attempt)
        REFERENCES attempts (run_id, task_id, number) ON DELETE CASCADE
);
