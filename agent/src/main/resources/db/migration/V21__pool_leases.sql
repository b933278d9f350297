-- Shared pools (issue 21). One script for H2 and PostgreSQL.
-- pools: one row per pool ever used, locked (SELECT ... FOR UPDATE) by whoever takes or queues for its slots, so that
-- agents sharing the database count and insert leases one at a time; next_ticket numbers the pool's queue.
-- pool_leases: the slots a task's attempt holds while it runs; pool_waiters: the tasks waiting for slots, in ticket
-- order. Both expire with their agent's heartbeat (agent_heartbeats), so a dead agent's slots come back.
CREATE TABLE pools (
    pool_name    VARCHAR(128) NOT NULL PRIMARY KEY,
    next_ticket  BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE pool_leases (
    run_id       VARCHAR(64)  NOT NULL,
    task_id      VARCHAR(128) NOT NULL,
    pool_name    VARCHAR(128) NOT NULL,
    agent_id     VARCHAR(128) NOT NULL,
    slots        INTEGER      NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, task_id)
);
CREATE INDEX pool_leases_by_pool ON pool_leases (pool_name);
CREATE INDEX pool_leases_by_agent ON pool_leases (agent_id);

CREATE TABLE pool_waiters (
    run_id       VARCHAR(64)  NOT NULL,
    task_id      VARCHAR(128) NOT NULL,
    pool_name    VARCHAR(128) NOT NULL,
    ticket       BIGINT       NOT NULL,
    agent_id     VARCHAR(128) NOT NULL,
    slots        INTEGER      NOT NULL,
    since        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, task_id)
);
CREATE INDEX pool_waiters_by_pool ON pool_waiters (pool_name, ticket);
CREATE INDEX pool_waiters_by_agent ON pool_waiters (agent_id);
