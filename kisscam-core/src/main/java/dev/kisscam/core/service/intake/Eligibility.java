package dev.kisscam.core.service.intake;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.service.job.Admission;
import dev.kisscam.core.service.job.Jobs;
import dev.kisscam.core.service.job.Lifecycle;
import java.util.Optional;

/**
 * The cheap checks that come before a photo is read: the core is running, the requester consented, has no
 * job in progress and has quota left. A refusal here has read, stored and charged nothing.
 */
public final class Eligibility {
    private final Lifecycle lifecycle;
    private final ConsentStore consents;
    private final Jobs jobs;
    private final Admission admission;

    public Eligibility(Lifecycle lifecycle, ConsentStore consents, Jobs jobs, Admission admission) {
        this.lifecycle = lifecycle;
        this.consents = consents;
        this.jobs = jobs;
        this.admission = admission;
    }

    public Optional<Refusal> refusal(Requester requester) {
        if (lifecycle.stopping()) {
            return Optional.of(new Refusal.ServiceUnavailable(FailureCode.SERVICE_BUSY));
        }
        if (!consents.hasConsented(requester.id())) {
            return Optional.of(new Refusal.ConsentRequired());
        }
        Optional<Job> active = jobs.activeOf(requester.id());
        if (active.isPresent()) {
            return Optional.of(new Refusal.JobAlreadyActive(active.get().id()));
        }
        return admission.quotaRefusal(requester.id());
    }
}
