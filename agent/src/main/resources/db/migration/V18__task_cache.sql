-- Issue 19. The cache of task outputs (a task's `cache: { key, ttl_seconds }`): one row per pipeline, task and key,
-- the key being a hash of the task's definition, its rendered arguments and its rendered cache key; shared by every
-- agent of a cluster on one database. And on each task of a run: whether its output came from that cache, and how
-- its rollback (after it failed for good) went. One script for H2 and PostgreSQL.
CREATE TABLE task_cache (
    pipeline_id  VARCHAR(128)     NOT NULL,
    task_id      VARCHAR(128)     NOT NULL,
    cache_key    VARCHAR(64)      NOT NULL,
    output_json  VARCHAR(1000000) NOT NULL,
    run_id       VARCHAR(64)      NOT NULL,
    stored_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (pipeline_id, task_id, cache_key)
);

ALTER TABLE task_runs ADD COLUMN cached BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE task_runs ADD COLUMN rollback_outcome VARCHAR(4000);
