-- An item of a for_each task that calls a pipeline (issue 19) starts a child run of its own: the item records it here,
-- and the child records the item as its parent task (runs.parent_task_id = '<task>[<index>]').
-- One script for H2 and PostgreSQL.
ALTER TABLE map_items ADD COLUMN child_run_id VARCHAR(64);
