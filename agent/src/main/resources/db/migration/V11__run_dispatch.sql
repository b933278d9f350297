-- Scheduled work spread over a cluster (SPEC 11). Quartz hands a fire to one agent, and tends to hand the next to
-- the same one; an agent busier than another hands the run it creates to that one, through this table: the run's
-- row names the agent that will run it, and this row says it has not taken it yet. The agents' heartbeats carry
-- how many runs each has going, which is how the busier one knows. One script for H2 and PostgreSQL.
ALTER TABLE agent_heartbeats ADD COLUMN active_runs INT DEFAULT 0 NOT NULL;

CREATE TABLE dispatched_runs (
    run_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    agent_id        VARCHAR(128) NOT NULL,
    dispatched_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT dispatched_runs_run FOREIGN KEY (run_id) REFERENCES runs (run_id) ON DELETE CASCADE
);
CREATE INDEX dispatched_runs_by_agent ON dispatched_runs (agent_id);
