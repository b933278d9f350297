package dev.orchestrator.agent.cli.service;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link ServiceDefinition} as the XML file of WinSW (the Windows Service Wrapper,
 * https://github.com/winsw/winsw), version 2.x: the wrapper starts the agent, restarts it after a failure, and on
 * stop sends it Ctrl+C and waits as long as the agent's shutdown may take. Stateless.
 */
public final class WinswDefinition {

    /** The WinSW release the definition is written for, and the file users download. */
    public static final String WINSW_DOWNLOAD = "https://github.com/winsw/winsw/releases/tag/v2.12.0";

    private WinswDefinition() {}

    /** WinSW reads {@code NAME.xml} beside {@code NAME.exe}: the wrapper of service {@code name} and its file. */
    public static String wrapperName(String name) {
        return name + "-service";
    }

    public static String render(ServiceDefinition service) {
        List<String> command = service.command();
        String arguments = command.subList(1, command.size()).stream()
                .map(WinswDefinition::argument)
                .collect(Collectors.joining(" "));
        String logs = service.home() + "\\logs";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by "orchestrator service install" (orchestrator %s) for WinSW 2.x.
                     Beside this file, %s.exe (WinSW-x64.exe, renamed) installs it: %s.exe install -->
                <service>
                  <id>%s</id>
                  <name>Orchestrator agent (%s)</name>
                  <description>Runs data pipelines on their schedules and serves the orchestrator API.</description>
                  <executable>%s</executable>
                  <arguments>%s</arguments>
                  <workingdirectory>%s</workingdirectory>
                  <startmode>Automatic</startmode>
                  <delayedAutoStart>true</delayedAutoStart>
                  <!-- Ctrl+C first: the agent gives running work its grace period, then stops it -->
                  <stopparentprocessfirst>true</stopparentprocessfirst>
                  <stoptimeout>%d sec</stoptimeout>
                  <onfailure action="restart" delay="10 sec"/>
                  <resetfailure>1 hour</resetfailure>
                  <logpath>%s</logpath>
                  <log mode="roll-by-size">
                    <sizeThreshold>10240</sizeThreshold>
                    <keepFiles>8</keepFiles>
                  </log>
                </service>
                """.formatted(
                        xml(service.version()),
                        wrapperName(service.name()),
                        wrapperName(service.name()),
                        xml(service.name()),
                        xml(service.name()),
                        xml(command.get(0)),
                        xml(arguments),
                        xml(service.home()),
                        service.stopTimeout().toSeconds(),
                        xml(logs));
    }

    /**
     * One argument as Windows programs split their command line (the C runtime's rules): quoted when it holds a
     * space, tab or quote, inner quotes and the backslashes before them escaped with backslashes.
     */
    static String argument(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : value.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            quoted.append("\\".repeat(c == '"' ? 2 * backslashes + 1 : backslashes))
                    .append(c);
            backslashes = 0;
        }
        return quoted.append("\\".repeat(2 * backslashes)).append('"').toString();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
