-- Calls of other pipelines (issue 19): a task with pipeline: starts a child run and waits for it. The child records
-- its parent run (runs.parent_run_id, trigger 'pipeline') and the calling task; the calling task records its child.
-- One script for H2 and PostgreSQL.
ALTER TABLE runs ADD COLUMN parent_task_id VARCHAR(128);
ALTER TABLE task_runs ADD COLUMN child_run_id VARCHAR(64);
