package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.testing.InMemoryMediaStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At most {@code maxConcurrentDecodes} photos decode at once; the others wait, and photos sent as they are never do. */
class DecodeSlotsTest {
    private static final int BOUND = 2;

    private final FakeXai xai = new FakeXai();
    private final GrokAdapters adapters = GrokAdapters.create(xai.config().maxConcurrentDecodes(BOUND).build());
    private final InMemoryMediaStore media = new InMemoryMediaStore();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void answerEveryQuestion() {
        xai.answerWith(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeXai.completion(FakeXai.peopleJson(0, false, List.of()), 1);
            }
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        adapters.close();
        xai.close();
    }

    @Test
    void a_decode_beyond_the_bound_waits_until_a_slot_frees_while_a_photo_sent_as_it_is_goes_at_once() throws Exception {
        occupyEverySlot();
        Photo large = TestPhotos.store(media, TestPhotos.jpeg(TestPhotos.scene(3000, 2250, 1, 12), 0.9f),
                ImageFormat.JPEG, 3000, 2250);
        Photo small = TestPhotos.store(media, TestPhotos.jpeg(TestPhotos.scene(640, 480, 2, 12), 0.9f),
                ImageFormat.JPEG, 640, 480);

        var decoding = CompletableFuture.supplyAsync(() -> adapters.peopleDetector().detect(large, media));
        awaitTrue(() -> adapters.decodeSlots().waiting() == 1);

        assertThat(adapters.peopleDetector().detect(small, media).people()).isZero();
        assertThat(decoding).as("still waiting for a slot").isNotDone();
        assertThat(xai.api.getRequestCount()).as("only the photo sent as it is was asked about").isEqualTo(1);

        release.countDown();
        assertThat(decoding.get(10, TimeUnit.SECONDS).people()).isZero();
        assertThat(xai.api.getRequestCount()).isEqualTo(2);
    }

    @Test
    void an_interrupt_while_waiting_for_a_slot_ends_the_wait_as_unavailable_and_keeps_the_interrupt() throws Exception {
        occupyEverySlot();
        Photo large = TestPhotos.store(media, TestPhotos.jpeg(TestPhotos.scene(3000, 2250, 3, 12), 0.9f),
                ImageFormat.JPEG, 3000, 2250);
        var outcome = new CompletableFuture<Throwable>();
        var stillInterrupted = new AtomicBoolean();
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                adapters.peopleDetector().detect(large, media);
                outcome.complete(null);
            } catch (RuntimeException e) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                outcome.complete(e);
            }
        });
        awaitTrue(() -> adapters.decodeSlots().waiting() == 1);

        waiting.interrupt();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(PeopleDetectionException.class,
                e -> assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE));
        assertThat(stillInterrupted).isTrue();
        assertThat(xai.api.getRequestCount()).isZero();
    }

    /** Every slot taken by a decode that lasts until the test releases it. */
    private void occupyEverySlot() throws InterruptedException {
        var holding = new CountDownLatch(BOUND);
        for (int i = 0; i < BOUND; i++) {
            Thread.ofVirtual().start(() -> adapters.decodeSlots().run(() -> {
                holding.countDown();
                try {
                    return release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
        }
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Spins until the condition holds: what it waits for is a thread parking, which no event announces. */
    private static void awaitTrue(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("the condition held within 10 s").isBefore(deadline);
            Thread.onSpinWait();
        }
    }
}
