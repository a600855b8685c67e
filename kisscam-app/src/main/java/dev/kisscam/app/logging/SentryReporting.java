package dev.kisscam.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.sentry.Sentry;
import io.sentry.logback.SentryAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Sentry itself, initialised by the program (never from sentry.properties or the environment on its own). */
final class SentryReporting {
    static final String APPENDER = "sentry";

    private SentryReporting() {
    }

    static void start(String dsn, List<String> secrets) {
        var scrubber = new SentryScrubber(secrets);
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setBeforeSend(scrubber::scrub);
            options.setBeforeBreadcrumb((breadcrumb, hint) -> scrubber.scrub(breadcrumb));
            options.setSendDefaultPii(false);
            options.setDebug(false);
            options.setEnableExternalConfiguration(false);
            options.setMaxBreadcrumbs(20);
            String version = SentryReporting.class.getPackage().getImplementationVersion();
            if (version != null) {
                options.setRelease("kisscam@" + version);
            }
        });
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var appender = new SentryAppender();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setMinimumEventLevel(Level.ERROR);
        appender.setMinimumBreadcrumbLevel(Level.WARN);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
}
