package dev.kisscam.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback from LOG_LEVEL and LOG_FILE: lines to standard error, and to a file rolled daily and
 * at 50 MB (14 days, 1 GB at most) when LOG_FILE is set. The core's System.Logger reaches Logback through
 * slf4j-jdk-platform-logging. Lines about a job carry {@code [job <id>]} from the MDC.
 */
public final class LoggingSetup {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30}"
            + "%replace( [job %X{job}]){' \\[job \\]', ''} - %msg%n";

    /** The program's own loggers: the core's and the adapters'. */
    static final String OWN_LOGGERS = "dev.kisscam";

    private LoggingSetup() {
    }

    /**
     * @param level TRACE, DEBUG, INFO, WARN or ERROR
     * @param secrets values to blank out of every line
     */
    public static void configure(String level, Optional<Path> file, List<String> secrets) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        var pollingNoise = new LongPollingNoiseFilter();
        pollingNoise.setContext(context);
        pollingNoise.start();
        context.addTurboFilter(pollingNoise);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level wanted = Level.toLevel(level, Level.INFO);
        // DEBUG is for the bot's own lines: the libraries' (TLS handshakes, certificate dumps, HTTP frames) would
        // drown them, so they stay at INFO. TRACE asks for everything, theirs included.
        root.setLevel(wanted == Level.DEBUG ? Level.INFO : wanted);
        context.getLogger(OWN_LOGGERS).setLevel(wanted);

        var console = new ConsoleAppender<ILoggingEvent>();
        console.setTarget("System.err");
        root.addAppender(start(console, context, secrets, "console"));

        file.ifPresent(path -> {
            var rolling = new RollingFileAppender<ILoggingEvent>();
            rolling.setFile(path.toString());
            var policy = new SizeAndTimeBasedRollingPolicy<ILoggingEvent>();
            policy.setContext(context);
            policy.setParent(rolling);
            policy.setFileNamePattern(path + ".%d{yyyy-MM-dd}.%i.gz");
            policy.setMaxFileSize(FileSize.valueOf("50MB"));
            policy.setMaxHistory(14);
            policy.setTotalSizeCap(FileSize.valueOf("1GB"));
            policy.start();
            rolling.setRollingPolicy(policy);
            root.addAppender(start(rolling, context, secrets, "file"));
        });
    }

    private static OutputStreamAppender<ILoggingEvent> start(OutputStreamAppender<ILoggingEvent> appender,
            LoggerContext context, List<String> secrets, String name) {
        var layout = new SecretMaskingLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.setSecrets(secrets);
        layout.start();
        var encoder = new LayoutWrappingEncoder<ILoggingEvent>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
