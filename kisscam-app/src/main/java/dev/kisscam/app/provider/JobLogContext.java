package dev.kisscam.app.provider;

import dev.kisscam.core.domain.JobId;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Puts a job's id into the SLF4J MDC under {@value #KEY} for the span of one provider call, so every log
 * line an adapter writes meanwhile names the job; afterwards whatever was there before comes back. Without
 * a job (a ticket from before a restart, say) it leaves the MDC alone.
 */
final class JobLogContext {
    static final String KEY = "job";

    private JobLogContext() {
    }

    static <T> T around(JobId job, Supplier<T> call) {
        if (job == null) {
            return call.get();
        }
        String previous = MDC.get(KEY);
        MDC.put(KEY, job.value());
        try {
            return call.get();
        } finally {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        }
    }
}
