package dev.kisscam.app.provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Identical photo sets from the same requester within the cache window are answered from the earlier
 * video, without a second charge: people send the same photos again when a video did not arrive where they
 * looked, or to show it to someone, and every generation is paid for.
 *
 * <p>A photo set is the requester plus the SHA-256 of each photo's bytes, in any order. A delegate's video
 * is cached when the core has read its download to the end; a later identical submission gets a ticket of
 * this class ({@code repeat:}) that polls as ready at no cost and opens the cached file. A {@code repeat:}
 * ticket whose video is gone (expired, evicted, or the program restarted and the ticket came back from the
 * job store) polls as a transient expiry, so the core submits once more, to the real provider. Tickets and
 * locations of the delegate are assumed never to start with {@code repeat:}.
 *
 * <p>The index is in memory only: a restart forgets it, and the files of the previous run are deleted at
 * construction. Cached videos are the only copies of a job's video that outlive its delivery; they go when
 * the window passes or the cache is full.
 */
public final class RepeatedPhotosVideoCache implements VideoGenerator {
    private static final System.Logger LOG = System.getLogger(RepeatedPhotosVideoCache.class.getName());
    private static final String REPEAT = "repeat:";
    /** The model named on a zero spend when no cached video says which model made it. */
    private static final String NO_MODEL = "cached-video";

    private final VideoGenerator delegate;
    private final VideoFiles files;
    private final Cache<String, CachedVideo> videos;
    /** Which photo set a ticket (the delegate's or a {@code repeat:} one) was submitted for. */
    private final Cache<GenerationTicket, String> submitted;
    /** Which photo set a delegate's finished video belongs to, until the core opens it. */
    private final Cache<String, String> finished;

    private record CachedVideo(Path file, String model) {
    }

    public RepeatedPhotosVideoCache(VideoGenerator delegate, Path directory, Duration window, int maxEntries)
            throws IOException {
        this(delegate, directory, window, maxEntries, Ticker.systemTicker());
    }

    RepeatedPhotosVideoCache(VideoGenerator delegate, Path directory, Duration window, int maxEntries, Ticker ticker)
            throws IOException {
        if (!window.isPositive() || maxEntries < 1) {
            throw new IllegalArgumentException("a video cache needs a positive window and room for a video");
        }
        this.delegate = delegate;
        this.files = new VideoFiles(directory);
        this.videos = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(maxEntries)
                .ticker(ticker)
                // Removals run on the thread that caused them, and expired files go even when nobody asks.
                .executor(Runnable::run)
                .scheduler(Scheduler.systemScheduler())
                .<String, CachedVideo>removalListener((photoSet, video, cause) -> VideoFiles.deleteQuietly(video.file()))
                .build();
        Duration generation = delegate.pollingPolicy().timeout();
        Duration remembered = generation.compareTo(window) > 0 ? generation : window;
        this.submitted = GenerationMemory.create(remembered, ticker);
        this.finished = GenerationMemory.create(remembered, ticker);
    }

    @Override
    public GenerationTicket submit(GenerationRequest request, MediaReader media) {
        String photoSet = photoSet(request, media);
        GenerationTicket ticket;
        if (videos.getIfPresent(photoSet) != null) {
            ticket = new GenerationTicket(REPEAT + UUID.randomUUID());
            LOG.log(Level.INFO, "job " + request.job() + ": the requester sent these photos before; answering with"
                    + " the earlier video as " + ticket);
        } else {
            ticket = delegate.submit(request, media);
        }
        submitted.put(ticket, photoSet);
        return ticket;
    }

    @Override
    public GenerationStatus poll(GenerationTicket ticket) {
        if (ticket.value().startsWith(REPEAT)) {
            return repeated(ticket);
        }
        GenerationStatus status = delegate.poll(ticket);
        if (status instanceof GenerationStatus.Ready ready) {
            String photoSet = submitted.getIfPresent(ticket);
            if (photoSet != null) {
                finished.put(ready.location(), photoSet);
            }
        }
        return status;
    }

    private GenerationStatus repeated(GenerationTicket ticket) {
        String photoSet = submitted.getIfPresent(ticket);
        CachedVideo video = photoSet == null ? null : videos.getIfPresent(photoSet);
        if (video == null) {
            return new GenerationStatus.Failed("cached_video_gone", "the earlier video of these photos is no longer"
                    + " cached; a new submission will make one", true, true, Spend.none(NO_MODEL));
        }
        return new GenerationStatus.Ready(REPEAT + photoSet, Spend.none(video.model()));
    }

    @Override
    public InputStream openVideo(GenerationStatus.Ready ready) {
        String location = ready.location();
        if (location.startsWith(REPEAT)) {
            return cached(location.substring(REPEAT.length()));
        }
        InputStream download = delegate.openVideo(ready);
        String photoSet = finished.asMap().remove(location);
        if (photoSet == null) {
            return download;
        }
        String model = ready.spend().model();
        return files.copying(download, photoSet, file -> videos.put(photoSet, new CachedVideo(file, model)));
    }

    private InputStream cached(String photoSet) {
        CachedVideo video = videos.getIfPresent(photoSet);
        if (video != null) {
            try {
                return Files.newInputStream(video.file());
            } catch (IOException e) {
                // Evicted between the poll and now, or the disk failed: either way there is no video to give.
                LOG.log(Level.WARNING, "could not open the cached video " + video.file() + ": " + e.getMessage());
            }
        }
        throw new VideoGenerationException(ProviderFault.UNAVAILABLE, "the cached video of these photos is gone");
    }

    @Override
    public PollingPolicy pollingPolicy() {
        return delegate.pollingPolicy();
    }

    /** How many videos are cached now; for a gauge, and to see the cache let go of them. */
    public long cachedVideos() {
        videos.cleanUp();
        return videos.estimatedSize();
    }

    /** The requester and the photos' digests, sorted so the order they were sent in does not matter. */
    private static String photoSet(GenerationRequest request, MediaReader media) {
        var fingerprint = new StringBuilder();
        String requester = request.requester().value();
        fingerprint.append(requester.length()).append(':').append(requester);
        request.photos().stream()
                .map(photo -> Sha256.ofMedia(photo.photo().key(), media))
                .sorted()
                .forEach(digest -> fingerprint.append(':').append(digest));
        return Sha256.ofText(fingerprint.toString());
    }
}
