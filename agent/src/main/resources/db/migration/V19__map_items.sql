-- The items of for_each tasks (issue 19): one row per element of the list a map task runs over, so that a map of
-- 10,000 items is paged from here rather than held in the agent's memory. item_json is the element as JSON;
-- output_json / output_file is the item's stored output (inline or spilled, as task_runs keeps a task's).
-- One script for H2 and PostgreSQL.
CREATE TABLE map_items (
    run_id          VARCHAR(64)  NOT NULL,
    task_id         VARCHAR(128) NOT NULL,
    item_index      INTEGER      NOT NULL,
    item_json       VARCHAR(1000000) NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    output_json     VARCHAR(1000000),
    output_file     VARCHAR(1024),
    output_size     BIGINT,
    output_reused   BOOLEAN      NOT NULL DEFAULT FALSE,
    error           VARCHAR(4000),
    PRIMARY KEY (run_id, task_id, item_index),
    CONSTRAINT map_items_task FOREIGN KEY (run_id, task_id) REFERENCES task_runs (run_id, task_id) ON DELETE CASCADE
);
CREATE INDEX map_items_by_state ON map_items (run_id, task_id, state, item_index);
