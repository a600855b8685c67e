package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Picks up what the job store holds after a start: jobs the provider already has are polled again (never
 * submitted again) and go first, queued jobs queue again in their original order, a job caught
 * mid-submission fails (it may or may not have reached the provider, and submitting twice could pay twice),
 * drafts wait on.
 */
public final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    private final Jobs jobs;
    private final Admission admission;
    private final JobRunner runner;

    public Recovery(Jobs jobs, Admission admission, JobRunner runner) {
        this.jobs = jobs;
        this.admission = admission;
        this.runner = runner;
    }

    public void resume() {
        List<Job> unfinished = jobs.unfinished();
        unfinished.forEach(jobs::numberAfter);
        int resumed = 0;
        int requeued = 0;
        for (Job job : unfinished) {
            if (job.state() instanceof JobState.Generating || job.state() instanceof JobState.Delivering) {
                admission.resume(job);
                resumed++;
            }
        }
        for (Job job : unfinished) {
            switch (job.state()) {
                case JobState.Queued q -> {
                    admission.resume(job);
                    requeued++;
                }
                case JobState.Submitting s -> runner.interrupted(job.id());
                case JobState.Draft d -> { }
                case JobState.Generating g -> { }
                case JobState.Delivering d -> { }
                case JobState.Done d -> { }
                case JobState.Failed f -> { }
                case JobState.Cancelled c -> { }
                case JobState.Expired e -> { }
            }
        }
        LOG.log(Level.INFO, "started: " + resumed + " jobs resumed at the provider, " + requeued + " queued again");
    }
}
