/**
 * How the console writes values for people: times in the console's zone, durations, schedules in words,
 * percentages, states, and which agent ran a run. Plain Java, no JavaFX, used by views and view models alike.
 */
package dev.orchestrator.desktop.format;
