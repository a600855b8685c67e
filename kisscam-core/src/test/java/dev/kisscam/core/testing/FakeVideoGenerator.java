package dev.kisscam.core.testing;

import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A generator that plays a script per submission: each submission takes the next script (a list of poll
 * answers, the last repeated forever). It records what it was asked, can hold polls until a test releases
 * them, and reads every photo it is given, as a real one must.
 */
public final class FakeVideoGenerator implements VideoGenerator {
    public static final Spend VIDEO_SPEND = new Spend("fake-video", 3_000_000_000L);

    private final Deque<List<GenerationStatus>> scripts = new ArrayDeque<>();
    private final Map<GenerationTicket, Deque<GenerationStatus>> running = new ConcurrentHashMap<>();
    private final List<GenerationRequest> submissions = new CopyOnWriteArrayList<>();
    private final List<byte[]> submittedPhotoBytes = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final Object pollMonitor = new Object();
    private volatile VideoGenerationException submitFailure;
    private final AtomicInteger rateLimitedLeft = new AtomicInteger();
    private volatile Duration rateLimitRetryAfter = Duration.ZERO;
    private final List<Instant> submittedAt = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedSubmissions = new AtomicInteger();
    private volatile Clock clock = Clock.systemUTC();
    private volatile Error submitCrash;
    private volatile VideoGenerationException pollFailure;
    private volatile boolean holdPolls;
    private volatile Consumer<GenerationTicket> onPoll = t -> { };
    private volatile PollingPolicy policy = new PollingPolicy(Duration.ZERO, Duration.ofMinutes(10));
    private volatile byte[] video = TestVideos.minimalMp4();

    /** The answers the next submission's polls get, in order; the last one repeats. */
    public synchronized FakeVideoGenerator thenAnswer(GenerationStatus... answers) {
        scripts.add(List.of(answers));
        return this;
    }

    public static GenerationStatus.Ready ready() {
        return new GenerationStatus.Ready("fake://video", VIDEO_SPEND);
    }

    public FakeVideoGenerator failSubmissionsWith(VideoGenerationException e) {
        this.submitFailure = e;
        return this;
    }

    /**
     * The next {@code count} submissions are refused as a provider at its rate limit refuses them (a 429),
     * asking to wait {@code retryAfter}; submissions after those are accepted.
     */
    public FakeVideoGenerator rateLimitNext(int count, Duration retryAfter) {
        this.rateLimitRetryAfter = retryAfter;
        this.rateLimitedLeft.set(count);
        return this;
    }

    /** The clock that stamps {@link #submittedAt()}. */
    public FakeVideoGenerator clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** When each accepted submission came, by the clock given. */
    public List<Instant> submittedAt() {
        return List.copyOf(submittedAt);
    }

    /** Waits until {@code count} submissions have been refused for the rate limit. */
    public void awaitRateLimited(int count, Duration timeout) throws InterruptedException {
        awaitCount(refusedSubmissions, count, timeout, "refused submissions");
    }

    /** Every later submission throws this error, as one that ran out of memory would; null stops it. */
    public FakeVideoGenerator crashSubmissionsWith(Error e) {
        this.submitCrash = e;
        return this;
    }

    public FakeVideoGenerator failPollsWith(VideoGenerationException e) {
        this.pollFailure = e;
        return this;
    }

    public FakeVideoGenerator video(byte[] mp4) {
        this.video = mp4.clone();
        return this;
    }

    public FakeVideoGenerator policy(PollingPolicy policy) {
        this.policy = policy;
        return this;
    }

    /** Runs on every poll before it answers: tests advance a clock here. */
    public FakeVideoGenerator onPoll(Consumer<GenerationTicket> action) {
        this.onPoll = action;
        return this;
    }

    /** Polls block until {@link #releasePolls()}; a blocked poll is interruptible like a real HTTP call. */
    public void holdPolls() {
        holdPolls = true;
    }

    public void releasePolls() {
        synchronized (pollMonitor) {
            holdPolls = false;
            pollMonitor.notifyAll();
        }
    }

    public List<GenerationRequest> submissions() {
        return List.copyOf(submissions);
    }

    public List<byte[]> submittedPhotoBytes() {
        return List.copyOf(submittedPhotoBytes);
    }

    public int polls() {
        return polls.get();
    }

    /** Waits until at least {@code count} polls have been made in total. */
    public void awaitPolls(int count, Duration timeout) throws InterruptedException {
        awaitCount(polls, count, timeout, "polls");
    }

    private void awaitCount(AtomicInteger counter, int count, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pollMonitor) {
            while (counter.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " " + what + ", saw " + counter.get());
                }
                TimeUnit.NANOSECONDS.timedWait(pollMonitor, left);
            }
        }
    }

    @Override
    public GenerationTicket submit(GenerationRequest request, MediaReader media) {
        Error crash = submitCrash;
        if (crash != null) {
            throw crash;
        }
        VideoGenerationException failure = submitFailure;
        if (failure != null) {
            throw failure;
        }
        if (rateLimitedLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            synchronized (pollMonitor) {
                refusedSubmissions.incrementAndGet();
                pollMonitor.notifyAll();
            }
            throw new VideoGenerationException(ProviderFault.RATE_LIMITED, "429 Too Many Requests", null,
                    Optional.of(rateLimitRetryAfter));
        }
        submittedAt.add(clock.instant());
        for (var photo : request.photos()) {
            try (InputStream in = media.open(photo.photo().key())) {
                submittedPhotoBytes.add(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        submissions.add(request);
        var ticket = new GenerationTicket("fake-" + submissions.size() + "-" + request.job());
        List<GenerationStatus> script;
        synchronized (this) {
            script = scripts.isEmpty() ? List.of(new GenerationStatus.Pending(50), ready()) : scripts.poll();
        }
        running.put(ticket, new ArrayDeque<>(script));
        return ticket;
    }

    @Override
    public GenerationStatus poll(GenerationTicket ticket) {
        synchronized (pollMonitor) {
            polls.incrementAndGet();
            pollMonitor.notifyAll();
            while (holdPolls) {
                try {
                    pollMonitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VideoGenerationException(ProviderFault.UNAVAILABLE, "poll interrupted", e);
                }
            }
        }
        onPoll.accept(ticket);
        VideoGenerationException failure = pollFailure;
        if (failure != null) {
            throw failure;
        }
        Deque<GenerationStatus> script = running.get(ticket);
        if (script == null) {
            // A ticket from before a restart: the fake in the new process knows it only if a test says so.
            script = new ArrayDeque<>(List.of(ready()));
            running.put(ticket, script);
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    /** Lets a fake in a "restarted" core answer for a ticket an earlier instance submitted. */
    public void knowsTicket(GenerationTicket ticket, GenerationStatus... answers) {
        running.put(ticket, new ArrayDeque<>(new ArrayList<>(List.of(answers))));
    }

    @Override
    public InputStream openVideo(GenerationStatus.Ready ready) {
        return new ByteArrayInputStream(video);
    }

    @Override
    public PollingPolicy pollingPolicy() {
        return policy;
    }
}
