package dev.kisscam.core.testing;

import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.ProviderFault;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A detector that answers what a test told it for a photo's exact bytes. It reads the photo through the
 * given {@link MediaReader}, as a real detector must, so tests also prove the core hands it readable media.
 */
public final class FakePeopleDetector implements PeopleDetector {
    private final Map<String, PeopleCount> answers = new ConcurrentHashMap<>();
    private final AtomicReference<PeopleDetectionException> failure = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final Semaphore looking = new Semaphore(0);

    /** What to answer for a photo with exactly these bytes. */
    public FakePeopleDetector sees(byte[] photo, int people) {
        return sees(photo, people, false);
    }

    public FakePeopleDetector sees(byte[] photo, int people, boolean underage) {
        List<PersonBox> boxes = java.util.stream.IntStream.range(0, people)
                .mapToObj(i -> new PersonBox(i / (double) Math.max(people, 1), 0.1, 1.0 / Math.max(people, 1), 0.8))
                .toList();
        answers.put(digest(photo), new PeopleCount(people, underage, boxes, new Spend("fake-vision", 1_000_000)));
        return this;
    }

    /** Every later call fails this way, until {@code failWith(null)}. */
    public void failWith(PeopleDetectionException e) {
        failure.set(e);
    }

    /**
     * Looking at this photo takes until {@code release} opens, as a slow paid call would; {@link #awaitLooking}
     * tells when a call is in there.
     */
    public FakePeopleDetector holdWhileLookingAt(byte[] photo, CountDownLatch release) {
        held.put(digest(photo), release);
        return this;
    }

    /** Waits until a call is held at a photo given to {@link #holdWhileLookingAt}. */
    public void awaitLooking(Duration timeout) throws InterruptedException {
        if (!looking.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("no detection was held within " + timeout);
        }
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public PeopleCount detect(Photo photo, MediaReader media) {
        calls.incrementAndGet();
        PeopleDetectionException e = failure.get();
        if (e != null) {
            throw e;
        }
        String key;
        try (InputStream in = media.open(photo.key())) {
            key = digest(in.readAllBytes());
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        CountDownLatch release = held.get(key);
        if (release != null) {
            looking.release();
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new PeopleDetectionException(ProviderFault.UNAVAILABLE, "interrupted", interrupted);
            }
        }
        PeopleCount answer = answers.get(key);
        if (answer == null) {
            throw new PeopleDetectionException(ProviderFault.INVALID_RESPONSE, "no scripted answer for this photo");
        }
        return answer;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
