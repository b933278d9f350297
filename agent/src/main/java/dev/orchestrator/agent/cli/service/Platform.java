package dev.orchestrator.agent.cli.service;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The systems {@code orchestrator service} writes a service for: Linux with systemd, and Windows with WinSW. A
 * definition can be printed for the other system too ({@code --dry-run --platform windows}); its paths are then
 * kept as typed, since this machine cannot resolve them.
 */
public enum Platform {
    LINUX("/opt/orchestrator/bin/orchestrator"),
    WINDOWS("C:\\Program Files\\orchestrator-console\\orchestrator.exe");

    private final String installedLauncher;

    Platform(String installedLauncher) {
        this.installedLauncher = installedLauncher;
    }

    /** Windows on Windows; systemd everywhere else (where there is none, installing says so). */
    public static Platform current() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? WINDOWS : LINUX;
    }

    public boolean isCurrent() {
        return this == current();
    }

    /** Where the installer (the .deb, the .msi) puts the {@code orchestrator} launcher. */
    public String installedLauncher() {
        return installedLauncher;
    }

    /** The agent home of a service named {@code name}, unless {@code --home} says otherwise. */
    public String defaultHome(String name) {
        if (this == LINUX) {
            return "/var/lib/" + name;
        }
        String programData = isCurrent() ? System.getenv("ProgramData") : null;
        return (programData != null ? programData : "C:\\ProgramData") + "\\Orchestrator\\" + name;
    }

    /** A path as this platform's service will see it: absolute when it is this machine, as typed otherwise. */
    public String absolute(String path) {
        return isCurrent() ? Path.of(path).toAbsolutePath().normalize().toString() : path;
    }
}
