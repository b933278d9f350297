/**
 * Scheduling (SPEC 5) on Quartz with its JDBC job store in the agent's database: one trigger per timed pipeline kept
 * in step with the pipeline files, each fire claimed once across a cluster ({@code FireClaims}) and turned into a
 * run or a recorded skip, misfires and backfills. {@code ScheduleService} is the entry point (being split into
 * {@code TriggerSync}, {@code DueFires}, {@code ScheduleTimings} and {@code Backfill}); {@code TriggerScheduler},
 * {@code FireJob} and {@code HandlerJobFactory} wrap Quartz. The only package that imports {@code org.quartz}; it
 * hands fires to the engine and must not know the API or the command line.
 */
package dev.orchestrator.agent.schedule;
