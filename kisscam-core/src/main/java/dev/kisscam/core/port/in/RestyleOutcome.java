package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.VideoStyle;
import java.util.Objects;

/** What became of a style chosen for a job. */
public sealed interface RestyleOutcome {

    /** The job will be made in this style. */
    record Restyled(JobId job, VideoStyle style) implements RestyleOutcome {
        public Restyled {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(style, "style");
        }
    }

    /** The job was submitted already, in the style it had; an "another take" can use the new one. */
    record TooLate(JobId job) implements RestyleOutcome {
        public TooLate {
            Objects.requireNonNull(job, "job");
        }
    }

    /** No such style here. */
    record UnknownStyle(VideoStyle style) implements RestyleOutcome {
        public UnknownStyle {
            Objects.requireNonNull(style, "style");
        }
    }

    /** Not this requester's unfinished job (an old button, or someone else's). */
    record NoSuchJob() implements RestyleOutcome {
    }
}
