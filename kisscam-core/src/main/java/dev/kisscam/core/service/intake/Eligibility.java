package dev.kisscam.core.service.intake;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.service.job.Charges;
import dev.kisscam.core.service.job.Jobs;
import dev.kisscam.core.service.job.Lifecycle;
import dev.kisscam.core.service.job.Spending;
import java.util.Optional;

/**
 * The cheap checks that come before a photo is read, and again, under the requester's lock, before a job is
 * made of it: the core is running, the requester consented, has no job in progress, has quota left and has
 * not had too many photos refused. A refusal here has charged nothing.
 */
public final class Eligibility {
    private final Lifecycle lifecycle;
    private final ConsentStore consents;
    private final Jobs jobs;
    private final Charges charges;
    private final Spending spending;

    public Eligibility(Lifecycle lifecycle, ConsentStore consents, Jobs jobs, Charges charges, Spending spending) {
        this.lifecycle = lifecycle;
        this.consents = consents;
        this.jobs = jobs;
        this.charges = charges;
        this.spending = spending;
    }

    /** Every check, before any photo is read. */
    public Optional<Refusal> refusal(Requester requester) {
        if (!consents.hasConsented(requester.id())) {
            return Optional.of(new Refusal.ConsentRequired());
        }
        return conflict(requester).or(() -> charges.refusal(requester.id())).or(spending::budgetRefusal);
    }

    /**
     * What may have changed while the photos were read and looked at, checked again under the requester's
     * lock just before a job is made: the core stopping, or another job of theirs begun meanwhile.
     */
    public Optional<Refusal> conflict(Requester requester) {
        if (lifecycle.stopping()) {
            return Optional.of(new Refusal.ServiceUnavailable(FailureCode.SERVICE_BUSY));
        }
        Optional<Job> active = jobs.activeOf(requester.id());
        return active.map(job -> new Refusal.JobAlreadyActive(job.id()));
    }
}
