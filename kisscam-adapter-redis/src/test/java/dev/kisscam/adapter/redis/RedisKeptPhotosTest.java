package dev.kisscam.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Photos kept by one instance (each its own Redis client) and taken by another, as behind a round-robin webhook. */
class RedisKeptPhotosTest {
    private static final Duration KEEP_FOR = Duration.ofMinutes(1);
    private static final String USER = "telegram:77";

    @RegisterExtension
    final RedisInstances redis = new RedisInstances();

    @Test
    void photos_kept_by_one_instance_are_taken_by_the_other_once_in_order() throws Exception {
        RedisKeptPhotos first = redis.instance().keptPhotos();
        RedisKeptPhotos second = redis.instance().keptPhotos();

        assertThat(first.keep("consent", USER, "photo one", 1, 4, KEEP_FOR)).isTrue();
        assertThat(second.keep("consent", USER, "album of two", 2, 4, KEEP_FOR)).isTrue();
        assertThat(first.keep("consent", USER, "photo three", 1, 4, KEEP_FOR)).isTrue();
        assertThat(second.requesters("consent")).containsExactly(USER);

        // Both instances take at once: one of them gets every batch, the others nothing.
        List<List<String>> taken = new CopyOnWriteArrayList<>();
        var start = new CountDownLatch(1);
        try (var takers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> taking = new ArrayList<>();
            for (RedisKeptPhotos instance : List.of(first, second, first, second)) {
                taking.add(takers.submit(() -> {
                    start.await();
                    taken.add(instance.take("consent", USER));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : taking) {
                f.get();
            }
        }

        assertThat(taken).filteredOn(batches -> !batches.isEmpty()).singleElement()
                .isEqualTo(List.of("photo one", "album of two", "photo three"));
        assertThat(first.requesters("consent")).isEmpty();
        assertThat(redis.observer().getKeys().getKeysStreamByPattern(redis.config().keyPrefix() + "*"))
                .as("taken photos leave nothing behind").isEmpty();
    }

    @Test
    void a_batch_that_would_pass_the_share_is_not_kept_and_the_share_frees_once_taken() {
        RedisKeptPhotos first = redis.instance().keptPhotos();
        RedisKeptPhotos second = redis.instance().keptPhotos();

        assertThat(first.keep("turn", USER, "album of three", 3, 4, KEEP_FOR)).isTrue();
        assertThat(second.keep("turn", USER, "album of two", 2, 4, KEEP_FOR)).isFalse();
        assertThat(second.keep("turn", USER, "photo", 1, 4, KEEP_FOR)).isTrue();
        assertThat(first.take("turn", USER)).containsExactly("album of three", "photo");

        assertThat(second.keep("turn", USER, "album of two", 2, 4, KEEP_FOR)).isTrue();
        assertThat(first.take("turn", USER)).containsExactly("album of two");
    }

    @Test
    void lists_and_users_stay_apart() {
        RedisKeptPhotos instance = redis.instance().keptPhotos();
        instance.keep("consent", USER, "waits for consent", 1, 4, KEEP_FOR);
        instance.keep("turn", USER, "waits for its turn", 1, 4, KEEP_FOR);
        instance.keep("consent", "telegram:78", "another user's", 1, 4, KEEP_FOR);

        assertThat(instance.requesters("consent")).containsExactlyInAnyOrder(USER, "telegram:78");
        assertThat(instance.requesters("turn")).containsExactly(USER);
        assertThat(instance.take("consent", USER)).containsExactly("waits for consent");
        assertThat(instance.take("turn", USER)).containsExactly("waits for its turn");
        assertThat(instance.take("consent", "telegram:78")).containsExactly("another user's");
        assertThat(instance.take("consent", USER)).isEmpty();
    }

    @Test
    void photos_nobody_takes_are_forgotten_after_their_time_and_their_user_is_no_longer_listed() {
        RedisKeptPhotos instance = redis.instance().keptPhotos();
        instance.keep("consent", USER, "photo", 1, 4, Duration.ofMillis(200));
        assertThat(instance.requesters("consent")).containsExactly(USER);

        Await.until(Duration.ofSeconds(5), "the kept photos expire",
                () -> instance.requesters("consent").isEmpty());
        assertThat(instance.take("consent", USER)).isEmpty();
    }
}
