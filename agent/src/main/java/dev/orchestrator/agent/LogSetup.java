package dev.orchestrator.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.orchestrator.agent.file.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own log: INFO and up, on the console and in {@code <home>/logs/agent.log}, rolled daily and at
 * 20 MB, 14 days kept. The CLI's other commands keep the quiet default of {@code logback.xml}.
 */
public final class LogSetup {

    private LogSetup() {}

    /** Creates {@code agent.log} (at start, and again at each roll) readable by the agent's user only. */
    private static final class OwnerOnlyAppender extends RollingFileAppender<ILoggingEvent> {
        @Override
        public void openFile(String fileName) throws IOException {
            Path log = Path.of(fileName);
            if (log.getParent() != null) {
                OwnerOnlyFiles.createDirectories(log.getParent());
            }
            OwnerOnlyFiles.createFile(log);
            OwnerOnlyFiles.restrict(log);
            super.openFile(fileName);
        }
    }

    /** The levels {@code orchestrator run --log-level} takes. */
    public static final java.util.List<String> LEVELS = java.util.List.of("ERROR", "WARN", "INFO", "DEBUG");

    /** {@code --log-level}: one of {@link #LEVELS}, in any case; anything else is a usage error. */
    public static final class LevelConverter implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String level = value.strip().toUpperCase(java.util.Locale.ROOT);
            if (!LEVELS.contains(level)) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a log level; use one " + "of " + String.join(", ", LEVELS));
            }
            return level;
        }
    }

    public static void forAgent(Path logDirectory) {
        forAgent(logDirectory, "INFO");
    }

    /** @param level one of {@link #LEVELS}: the agent's own messages at it and above are logged */
    public static void forAgent(Path logDirectory, String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: its own configuration applies
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> file = new OwnerOnlyAppender();
        file.setContext(context);
        file.setName("agent-file");
        file.setFile(logDirectory.resolve("agent.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(
                logDirectory.resolve("agent.%d{yyyy-MM-dd}.%i.log").toString());
        rolling.setMaxFileSize(FileSize.valueOf("20MB"));
        rolling.setMaxHistory(14);
        rolling.start();
        file.setRollingPolicy(rolling);
        file.setEncoder(encoder);
        file.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(file);
        Level chosen = Level.toLevel(level, Level.INFO);
        // DEBUG is for the agent's own messages; the libraries' debug output would drown them
        root.setLevel(chosen.isGreaterOrEqual(Level.INFO) ? chosen : Level.INFO);
        context.getLogger("dev.orchestrator").setLevel(chosen);
        // the libraries' own INFO chatter (pool started, schema up to date) says nothing a user needs
        Level libraries = chosen.isGreaterOrEqual(Level.WARN) ? chosen : Level.WARN;
        context.getLogger("com.zaxxer.hikari").setLevel(libraries);
        context.getLogger("org.flywaydb").setLevel(libraries);
        context.getLogger("org.quartz").setLevel(libraries);
    }
}
