-- A page of a run's log says how many lines there are: counted as they are written, per task, instead of counting
-- the lines at every page (a chatty task's run held two million, and each page took 20 s and more). And an index
-- for a page of one task's lines, which otherwise read past every line of the run's other tasks.
-- One script for H2 and PostgreSQL.
ALTER TABLE task_runs ADD COLUMN log_lines BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX task_logs_by_task ON task_logs (run_id, task_id, id);
UPDATE task_runs SET log_lines = (SELECT COUNT(*) FROM task_logs l
    WHERE l.run_id = task_runs.run_id AND l.task_id = task_runs.task_id);
