-- The dashboard's figures (GET /api/v1/stats) summed up per hour of creation (UTC, as hours since the epoch), per
-- pipeline and status, kept in the same transaction as each run's insert, status change and purge: a range's
-- whole hours are read from here, however many runs they hold. The rows of pipeline '*' (no pipeline id can be
-- that) are every pipeline's together, so the dashboard of all pipelines reads one row per hour and status.
-- finished: runs ended with a start and an end; duration_ms: the sum of their durations in whole milliseconds.
-- One script for H2 and PostgreSQL.
CREATE TABLE run_hours (
    pipeline_id     VARCHAR(128) NOT NULL,
    hour_number     BIGINT       NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    runs            BIGINT       NOT NULL,
    finished        BIGINT       NOT NULL,
    duration_ms     BIGINT       NOT NULL,
    PRIMARY KEY (pipeline_id, hour_number, status)
);
INSERT INTO run_hours (pipeline_id, hour_number, status, runs, finished, duration_ms)
SELECT pipeline_id, hour_number, status, COUNT(*), SUM(ended), COALESCE(SUM(ended * duration_ms), 0)
FROM (SELECT pipeline_id, CAST(FLOOR(EXTRACT(EPOCH FROM created_at) / 3600) AS BIGINT) AS hour_number, status,
        CASE WHEN status NOT IN ('queued', 'running') AND started_at IS NOT NULL AND finished_at IS NOT NULL
            THEN 1 ELSE 0 END AS ended,
        CAST(COALESCE(FLOOR((EXTRACT(EPOCH FROM finished_at) - EXTRACT(EPOCH FROM started_at)) * 1000), 0)
            AS BIGINT) AS duration_ms
      FROM runs) r
GROUP BY pipeline_id, hour_number, status;
INSERT INTO run_hours (pipeline_id, hour_number, status, runs, finished, duration_ms)
SELECT '*', hour_number, status, SUM(runs), SUM(finished), SUM(duration_ms) FROM run_hours
GROUP BY hour_number, status;
-- a pipeline's latest finished run, for the dashboard's failing pipelines: read backwards, stopping at the first
CREATE INDEX runs_by_pipeline_finished ON runs (pipeline_id, finished_at DESC, created_at DESC, run_id DESC);
-- the run list, newest first, read in index order: a text search (LIKE, no index) stops at its page's last match
CREATE INDEX runs_by_recency ON runs (created_at DESC, run_id DESC);
