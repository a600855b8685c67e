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

/** An album whose items reach two instances (each its own Redis client), as behind a round-robin webhook. */
class RedisAlbumsTest {
    private static final Duration WINDOW = Duration.ofMillis(300);
    private static final long CHAT = 77;

    @RegisterExtension
    final RedisInstances redis = new RedisInstances();

    @Test
    void an_album_split_between_two_instances_is_taken_once_with_both_items() throws Exception {
        RedisAlbums first = redis.instance().albums();
        RedisAlbums second = redis.instance().albums();

        first.add(CHAT, "album-1", "photo one", WINDOW);
        second.add(CHAT, "album-1", "photo two", WINDOW);
        assertThat(first.claim(CHAT, "album-1")).as("the window started again with the second item")
                .isInstanceOf(RedisAlbums.Claim.NotYet.class);

        // Both instances ask at once, again and again, once the window has passed: one of them gets the album.
        List<RedisAlbums.Claim.Taken> taken = new CopyOnWriteArrayList<>();
        var start = new CountDownLatch(1);
        try (var askers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> asking = new ArrayList<>();
            for (RedisAlbums instance : List.of(first, second, first, second)) {
                asking.add(askers.submit(() -> {
                    start.await();
                    long until = System.nanoTime() + WINDOW.multipliedBy(4).toNanos();
                    while (System.nanoTime() < until) {
                        if (instance.claim(CHAT, "album-1") instanceof RedisAlbums.Claim.Taken t) {
                            taken.add(t);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : asking) {
                f.get();
            }
        }

        assertThat(taken).singleElement()
                .satisfies(t -> assertThat(t.items()).containsExactly("photo one", "photo two"));
        assertThat(second.claim(CHAT, "album-1")).isInstanceOf(RedisAlbums.Claim.Gone.class);
        assertThat(redis.observer().getKeys().getKeysStreamByPattern(redis.config().keyPrefix() + "*"))
                .as("a taken album leaves nothing behind").isEmpty();
    }

    @Test
    void an_album_whose_last_item_reached_an_instance_that_died_is_taken_by_the_other() {
        RedisAlbums survivor = redis.instance().albums();
        RedisAdapters dying = redis.instance();
        survivor.add(CHAT, "album-5", "photo one", WINDOW);
        dying.albums().add(CHAT, "album-5", "photo two", WINDOW);
        dying.close();

        // What the survivor's collector does: ask again after what is left, until the album is complete.
        Await.until(WINDOW.multipliedBy(10), "the survivor takes the album",
                () -> survivor.claim(CHAT, "album-5") instanceof RedisAlbums.Claim.Taken taken
                        && taken.items().equals(List.of("photo one", "photo two")));
    }

    @Test
    void an_album_is_not_taken_before_its_quiet_window_and_says_how_long_is_left() {
        RedisAlbums instance = redis.instance().albums();
        instance.add(CHAT, "album-2", "photo", Duration.ofSeconds(30));

        RedisAlbums.Claim claim = instance.claim(CHAT, "album-2");

        assertThat(claim).isInstanceOfSatisfying(RedisAlbums.Claim.NotYet.class, notYet -> assertThat(notYet.left())
                .isGreaterThan(Duration.ofSeconds(25)).isLessThanOrEqualTo(Duration.ofSeconds(30)));
        assertThat(instance.claim(CHAT, "album-unknown")).isInstanceOf(RedisAlbums.Claim.Gone.class);
    }

    @Test
    void albums_of_other_chats_or_groups_stay_apart() {
        RedisAlbums instance = redis.instance().albums();
        instance.add(CHAT, "album-3", "mine", Duration.ZERO);
        instance.add(CHAT + 1, "album-3", "another chat's", Duration.ZERO);
        instance.add(CHAT, "album-4", "another album's", Duration.ZERO);

        assertThat(instance.claim(CHAT, "album-3")).isEqualTo(new RedisAlbums.Claim.Taken(List.of("mine")));
        assertThat(instance.claim(CHAT + 1, "album-3"))
                .isEqualTo(new RedisAlbums.Claim.Taken(List.of("another chat's")));
        assertThat(instance.claim(CHAT, "album-4")).isEqualTo(new RedisAlbums.Claim.Taken(List.of("another album's")));
    }
}
