/**
 * Alerts (SPEC 6): which runs alert ({@code AlertPolicy}, the failure streak), what an alert says ({@code Alert},
 * masked), and its delivery off the run's thread to each channel with retries ({@code AlertDispatcher},
 * {@code ChannelSender}, {@code HttpChannels} for webhook, Slack and Feishu). Observes the engine; a channel that
 * fails is logged and never fails a run.
 */
package dev.orchestrator.agent.notify;
