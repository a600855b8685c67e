package dev.kisscam.app.provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.VideoGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.util.Optional;

/**
 * Counts and times each submission, poll and download (operations {@code submit}, {@code poll},
 * {@code download}; the metrics and their tags are described in {@link ProviderCalls}). A download is
 * counted when its stream ends, fails or is closed, and timed until then.
 *
 * <p>While a call runs, the job's id is in the log context ({@link JobLogContext}), so the adapter's log
 * lines name the job: a submission knows its job; a poll and a download are matched to it through the
 * ticket and the video location this class saw. After a restart those are unknown until the next
 * submission, and such calls go without the job's id.
 *
 * <p>Placed next to the provider (inside any cache), it counts what the provider was really asked.
 */
public final class MeteredVideoGenerator implements VideoGenerator {
    private final VideoGenerator delegate;
    private final ProviderCalls calls;
    private final Cache<GenerationTicket, JobId> ticketJobs;
    private final Cache<String, JobId> locationJobs;

    public MeteredVideoGenerator(VideoGenerator delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.calls = new ProviderCalls(registry);
        this.ticketJobs = GenerationMemory.create(delegate.pollingPolicy().timeout(), Ticker.systemTicker());
        this.locationJobs = GenerationMemory.create(delegate.pollingPolicy().timeout(), Ticker.systemTicker());
    }

    @Override
    public GenerationTicket submit(GenerationRequest request, MediaReader media) {
        GenerationTicket ticket = JobLogContext.around(request.job(),
                () -> calls.measure("submit", () -> delegate.submit(request, media), submitted -> "ok"));
        ticketJobs.put(ticket, request.job());
        return ticket;
    }

    @Override
    public GenerationStatus poll(GenerationTicket ticket) {
        JobId job = ticketJobs.getIfPresent(ticket);
        GenerationStatus status = JobLogContext.around(job,
                () -> calls.measure("poll", () -> delegate.poll(ticket), MeteredVideoGenerator::found));
        if (job != null && status instanceof GenerationStatus.Ready ready) {
            locationJobs.put(ready.location(), job);
        }
        return status;
    }

    @Override
    public InputStream openVideo(GenerationStatus.Ready ready) {
        return JobLogContext.around(locationJobs.asMap().remove(ready.location()), () -> {
            ProviderCalls.Call download = calls.start("download");
            InputStream video;
            try {
                video = delegate.openVideo(ready);
            } catch (RuntimeException | Error e) {
                download.failed(e);
                throw e;
            }
            return new MeteredDownload(video, download);
        });
    }

    @Override
    public PollingPolicy pollingPolicy() {
        return delegate.pollingPolicy();
    }

    /** The provider's own estimate: no call, so nothing to count. */
    @Override
    public Optional<Spend> estimate(GenerationRequest request) {
        return delegate.estimate(request);
    }

    private static String found(GenerationStatus status) {
        return switch (status) {
            case GenerationStatus.Pending p -> "pending";
            case GenerationStatus.Ready r -> "ready";
            case GenerationStatus.Blocked b -> "blocked";
            case GenerationStatus.Failed f -> "failed";
        };
    }
}
