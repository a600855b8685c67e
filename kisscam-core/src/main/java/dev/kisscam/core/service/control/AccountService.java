package dev.kisscam.core.service.control;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.in.Consent;
import dev.kisscam.core.port.in.Usage;
import dev.kisscam.core.port.in.UsageReport;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.service.job.Jobs;

/** A requester's own account: their numbers, and their consent. */
public final class AccountService implements Usage, Consent {
    private final Jobs jobs;
    private final Quota quota;
    private final ConsentStore consents;

    public AccountService(Jobs jobs, Quota quota, ConsentStore consents) {
        this.jobs = jobs;
        this.quota = quota;
        this.consents = consents;
    }

    @Override
    public UsageReport usage(RequesterId requester) {
        return new UsageReport(jobs.countDelivered(requester), quota.status(requester, jobs.now()),
                jobs.activeOf(requester).map(Job::id), jobs.draftOf(requester).isPresent());
    }

    @Override
    public boolean hasConsented(RequesterId requester) {
        return consents.hasConsented(requester);
    }

    @Override
    public void giveConsent(RequesterId requester) {
        consents.recordConsent(requester, jobs.now());
    }
}
