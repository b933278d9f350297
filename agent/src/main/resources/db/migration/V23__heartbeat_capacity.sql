-- Resource profiles (issue 21): each agent's heartbeat carries what is free of its --max-memory-mb and --max-cpu,
-- so that a scheduled run goes to the agent with the most free capacity for it, not merely the fewest runs. Empty
-- for an agent of an earlier version, which is placed by its runs alone. One script for H2 and PostgreSQL.
ALTER TABLE agent_heartbeats ADD COLUMN free_memory_mb BIGINT;
ALTER TABLE agent_heartbeats ADD COLUMN free_cpu DOUBLE PRECISION;
