/**
 * The console's window: the sidebar of screens, the stale banner, the status bar and the keyboard shortcuts
 * ({@code MainWindow}), the theme, desktop notifications of failed runs, new approvals and missed deadlines, and the last resort for uncaught
 * exceptions ({@code UncaughtErrors}, {@code ErrorAlert}). The window uses the screens; no screen uses the window.
 */
package dev.orchestrator.desktop.shell;
