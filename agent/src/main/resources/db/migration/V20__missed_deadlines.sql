-- Deadlines (issue 21). missed_deadlines: one row per deadline a scheduled run missed, keyed by pipeline, scheduled
-- time and kind (start | finish), so that however many agents of a cluster, and however many restarts, see a
-- deadline pass, one insert succeeds and one alert goes out. late_finished_at is set, once, when the run finished
-- after a missed finish deadline ("finished late").
-- deadline_watch: per pipeline, the time up to which its deadlines have been checked, so that after a restart the
-- deadlines that passed while no agent ran are checked, and those of a pipeline seen for the first time are not
-- invented for the fires before it existed.
-- One script for H2 and PostgreSQL.
CREATE TABLE missed_deadlines (
    pipeline_id      VARCHAR(128) NOT NULL,
    scheduled_for    TIMESTAMP WITH TIME ZONE NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    time_zone        VARCHAR(64)  NOT NULL,
    rule_text        VARCHAR(128) NOT NULL,
    due_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    run_id           VARCHAR(64),
    run_status       VARCHAR(16),
    situation        VARCHAR(4000) NOT NULL,
    raised_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    raised_by        VARCHAR(128) NOT NULL,
    late_finished_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (pipeline_id, scheduled_for, kind)
);
CREATE INDEX missed_deadlines_by_time ON missed_deadlines (scheduled_for);

CREATE TABLE deadline_watch (
    pipeline_id      VARCHAR(128) NOT NULL PRIMARY KEY,
    checked_until    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the deadline check finds a scheduled fire's runs by their logical time
CREATE INDEX runs_by_logical_time ON runs (pipeline_id, logical_time);
