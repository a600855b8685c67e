package dev.kisscam.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.testing.MediaStoreContract.SeededStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Puts made by a job thread that is being stopped: they complete, durably, and leave the thread interrupted.
 * Every media store test implements this.
 */
interface InterruptProofPutContract {

    MediaStore storeUnderTest();

    /** A new store on the same media, as after a restart. */
    MediaStore reopenedStore();

    @Test
    @Timeout(60)
    default void a_put_from_an_interrupted_thread_is_stored_durably_and_leaves_it_interrupted() throws Exception {
        long size = 3_000_000;

        var outcome = InterruptedCaller.callInterrupted(
                () -> storeUnderTest().put(MediaKind.VIDEO, new SeededStream(size, 5)));

        assertThat(outcome.stillInterrupted()).isTrue();
        assertThat(outcome.value().sizeBytes()).isEqualTo(size);
        try (InputStream in = reopenedStore().open(outcome.value().key())) {
            assertThat(MediaStoreChildren.sha256(in)).isEqualTo(MediaStoreChildren.sha256(new SeededStream(size, 5)));
        }
    }

    @Test
    @Timeout(120)
    default void a_large_put_interrupted_half_way_completes_and_leaves_the_thread_interrupted() throws Exception {
        long half = 8L << 20;
        var halfSent = new CountDownLatch(1);
        var resume = new CountDownLatch(1);
        var put = InterruptedCaller.start(() -> storeUnderTest().put(MediaKind.VIDEO, new SequenceInputStream(
                Collections.enumeration(List.of(new SeededStream(half, 1),
                        InterruptedCaller.pausingHalfWay(halfSent, resume), new SeededStream(half, 2))))));
        assertThat(halfSent.await(60, TimeUnit.SECONDS)).isTrue();

        put.interrupt();
        resume.countDown();

        var outcome = put.outcome();
        assertThat(outcome.stillInterrupted()).isTrue();
        assertThat(outcome.value().sizeBytes()).isEqualTo(2 * half);
        String expected = MediaStoreChildren.sha256(new SequenceInputStream(new SeededStream(half, 1), new SeededStream(half, 2)));
        try (InputStream in = reopenedStore().open(outcome.value().key())) {
            assertThat(MediaStoreChildren.sha256(in)).isEqualTo(expected);
        }
    }
}
