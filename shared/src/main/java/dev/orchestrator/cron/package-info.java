/**
 * Schedules in time: {@code CronSchedule} parses a {@code cron_expr} (Unix 5 fields or Quartz 6-7, through
 * cron-utils) and {@code FireTimes} computes when a schedule fires in its time zone, across daylight-saving
 * changes, for the scheduler, backfills, {@code /upcoming} and the editor alike. It decides when, never fires:
 * no Quartz, no clock of its own (callers pass the instant to start from).
 */
package dev.orchestrator.cron;
