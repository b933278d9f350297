-- An operator's mark on a task (issue 20): the state it was marked, who marked it, why, and when. A mark in an
-- ended run prepares its retry; in a run still going the run goes on from it. One script for H2 and PostgreSQL.
-- (Version 15.1: version 15 is the Java migration V15__Run_search.)
ALTER TABLE task_runs ADD COLUMN marked_state VARCHAR(16);
ALTER TABLE task_runs ADD COLUMN marked_by VARCHAR(128);
ALTER TABLE task_runs ADD COLUMN marked_reason VARCHAR(4000);
ALTER TABLE task_runs ADD COLUMN marked_at TIMESTAMP WITH TIME ZONE;
