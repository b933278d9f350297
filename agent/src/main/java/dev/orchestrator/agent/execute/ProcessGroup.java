package dev.orchestrator.agent.execute;

/**
 * A process group an attempt's subprocess leads (see {@link ProcessGroups}).
 *
 * @param id               the group's id, which is its leader's pid
 * @param leaderStartTicks when the leader started, in clock ticks since boot ({@code /proc/<pid>/stat}): with the
 *                         id, it tells the group from a later one that reused the id
 */
public record ProcessGroup(long id, long leaderStartTicks) {}
