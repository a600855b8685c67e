package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.testing.InMemoryMediaStore;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures what one job costs the adapter's thread: the vision question and the video submission for the
 * same photos, from reading the stored photo to the last byte of each request written to the fake xAI on
 * loopback. CPU time is the calling thread's (OkHttp writes the request on it; the fake server's threads and
 * the garbage collector are not counted), so the numbers are steady on a busy machine, though not exact.
 * Not a test: it asserts nothing about time and runs only when asked, by hand, as the adapter's README says:
 * <pre>
 * ./mvnw -B -q -pl kisscam-adapter-grok -am verify -Dkisscam.cpu=true -Dtest=PreparationCpuHarness \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * cat kisscam-adapter-grok/target/surefire-reports/dev.kisscam.adapter.grok.PreparationCpuHarness-output.txt
 * </pre>
 */
@EnabledIfSystemProperty(named = "kisscam.cpu", matches = "true")
class PreparationCpuHarness {
    private static final int WARM_UP = 20;
    private static final int MEASURED = 40;
    private static final PersonBox BOTH = new PersonBox(0.1, 0.1, 0.8, 0.8);

    private final InMemoryMediaStore media = new InMemoryMediaStore();
    /** Held here so it is not collected with its level: a line per submission would drown the table. */
    private final java.util.logging.Logger adapterLog = java.util.logging.Logger.getLogger("dev.kisscam.adapter.grok");
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void cpu_per_job() {
        adapterLog.setLevel(java.util.logging.Level.WARNING);
        List<Case> cases = List.of(
                new Case("Telegram photo, JPEG 1280x960", List.of(jpeg(1280, 960, 0.87f, 1, 0))),
                new Case("Telegram photo, JPEG 2560x1920", List.of(jpeg(2560, 1920, 0.87f, 2, 0))),
                new Case("12 MP document, JPEG 4000x3000", List.of(jpeg(4000, 3000, 0.92f, 3, 0))),
                new Case("12 MP document, JPEG 4000x3000, EXIF turned", List.of(jpeg(4000, 3000, 0.92f, 4, 6))),
                new Case("album of two Telegram photos, 1280x960 each", List.of(jpeg(1280, 960, 0.87f, 5, 0),
                        jpeg(1280, 960, 0.87f, 6, 0))));
        try (var xai = new FakeXai(); GrokAdapters adapters = GrokAdapters.create(xai.config().build())) {
            xai.answerWith(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return request.getUrl().encodedPath().endsWith("chat/completions")
                            ? FakeXai.completion(FakeXai.peopleJson(1, false, List.of(BOTH)), 1)
                            : FakeXai.submitted("req-cpu");
                }
            });
            System.out.printf(Locale.ROOT, "%-48s %10s %12s %12s %14s%n",
                    "one job (vision + video submission)", "file KiB", "CPU p50 ms", "CPU p90 ms", "alloc p50 MiB");
            for (Case c : cases) {
                measure(c, xai, adapters);
            }
        }
    }

    private void measure(Case c, FakeXai xai, GrokAdapters adapters) {
        long[] cpu = new long[MEASURED];
        long[] allocated = new long[MEASURED];
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            // Each job has photos of its own, as every upload is stored anew.
            List<JobPhoto> photos = c.files().stream().map(this::store).toList();
            var request = new GenerationRequest(JobId.random(), new RequesterId("cpu:1"), photos, Direction.DEFAULT);
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long allocatedBefore = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            for (JobPhoto photo : photos) {
                adapters.peopleDetector().detect(photo.photo(), media);
            }
            adapters.videoGenerator().submit(request, media);
            if (i >= WARM_UP) {
                cpu[i - WARM_UP] = threads.getCurrentThreadCpuTime() - cpuBefore;
                allocated[i - WARM_UP] = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - allocatedBefore;
            }
            drain(xai, photos.size() + 1);
        }
        long fileBytes = c.files().stream().mapToLong(file -> file.length).sum();
        System.out.printf(Locale.ROOT, "%-48s %10d %12.1f %12.1f %14.1f%n", c.name(), fileBytes / 1024,
                percentile(cpu, 50) / 1e6, percentile(cpu, 90) / 1e6, percentile(allocated, 50) / (1024.0 * 1024));
    }

    /** The fake server keeps every request it received; these are megabytes each. */
    private static void drain(FakeXai xai, int requests) {
        for (int i = 0; i < requests; i++) {
            try {
                assertThat(xai.api.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    private static byte[] jpeg(int width, int height, float quality, long seed, int orientation) {
        byte[] file = TestPhotos.jpeg(TestPhotos.scene(width, height, seed, 12), quality);
        return orientation == ExifOrientation.NORMAL ? file : TestPhotos.withExifOrientation(file, orientation);
    }

    private JobPhoto store(byte[] file) {
        // The sizes here are for the record only: the adapter reads what the file says.
        Photo photo = TestPhotos.store(media, file, ImageFormat.JPEG, 1, 1);
        return new JobPhoto(photo, List.of(BOTH));
    }

    private record Case(String name, List<byte[]> files) {
    }
}
