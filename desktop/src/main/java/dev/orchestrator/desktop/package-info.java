/**
 * The console application: {@code ConsoleLauncher} (the main class of the jar and the installer) and
 * {@code ConsoleApp}, which builds every object with {@code new}, owns the I/O and timer threads, installs the
 * handler for uncaught exceptions, and is the only class that touches {@code javafx.application.Platform}.
 */
package dev.orchestrator.desktop;
