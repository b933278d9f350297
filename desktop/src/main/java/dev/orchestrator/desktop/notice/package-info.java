/**
 * Desktop notices (issue 20): a task that starts waiting for approval, and a deadline a scheduled run missed, each
 * told once as the agents' polls bring them ({@code NoticesModel}); the shell shows them as non-modal popups.
 */
package dev.orchestrator.desktop.notice;
