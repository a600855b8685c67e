package dev.kisscam.app.logging;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.out.JobObserver;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.Message;
import java.util.List;
import java.util.Locale;

/**
 * Reports to Sentry each job that failed through no doing of its requester (the provider, the stores, a bug),
 * grouped by failure code; never who asked. Installed only when error tracking is on.
 */
public final class FailedJobReports implements JobObserver {

    @Override
    public void finished(Job job) {
        if (job.state() instanceof JobState.Failed failed && !failed.failure().code().requesterAnswerable()) {
            String code = failed.failure().code().name().toLowerCase(Locale.ROOT);
            var event = new SentryEvent();
            event.setLevel(SentryLevel.ERROR);
            event.setLogger(FailedJobReports.class.getName());
            var message = new Message();
            message.setFormatted("job failed: " + code + ": " + failed.failure().detail());
            event.setMessage(message);
            event.setTag("failure_code", code);
            event.setTag("job", job.id().toString());
            event.setFingerprints(List.of("job-failed", code));
            Sentry.captureEvent(event);
        }
    }
}
