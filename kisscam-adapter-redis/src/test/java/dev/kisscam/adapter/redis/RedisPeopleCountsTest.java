package dev.kisscam.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.PhotoDigest;
import dev.kisscam.core.domain.Spend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisPeopleCountsTest {
    private static final PhotoDigest PHOTO = new PhotoDigest("a".repeat(64));
    private static final PeopleCount TWO = new PeopleCount(2, false,
            List.of(new PersonBox(0.1, 0.2, 0.3, 0.4), new PersonBox(0.5, 0.25, 0.125, 0.75)),
            new Spend("grok-4.3|vision", 1234));

    @RegisterExtension
    final RedisInstances redis = new RedisInstances();

    private RedisPeopleCounts counts(Duration window) {
        return redis.instance().peopleCounts(window);
    }

    @Test
    void a_count_kept_by_one_instance_is_found_by_another() {
        RedisPeopleCounts first = counts(Duration.ofMinutes(5));
        RedisPeopleCounts second = counts(Duration.ofMinutes(5));
        assertThat(second.find(PHOTO)).isEmpty();

        first.remember(PHOTO, TWO);

        assertThat(second.find(PHOTO)).contains(TWO);
        assertThat(second.find(new PhotoDigest("b".repeat(64)))).isEmpty();
    }

    @Test
    void a_count_is_forgotten_after_its_window() {
        RedisPeopleCounts counts = counts(Duration.ofMillis(600));
        counts.remember(PHOTO, TWO);
        assertThat(counts.find(PHOTO)).isPresent();

        Await.until(Duration.ofSeconds(10), "the count is forgotten", () -> counts.find(PHOTO).isEmpty());
    }

    @Test
    void counts_survive_the_text_they_are_kept_as() {
        var nobody = new PeopleCount(0, true, List.of(), Spend.none(""));

        assertThat(RedisPeopleCounts.parse(RedisPeopleCounts.format(TWO))).contains(TWO);
        assertThat(RedisPeopleCounts.parse(RedisPeopleCounts.format(nobody))).contains(nobody);
    }

    @Test
    void an_entry_it_cannot_read_is_no_count() {
        assertThat(RedisPeopleCounts.parse("garbage")).isEmpty();
        assertThat(RedisPeopleCounts.parse("2|maybe|0||grok")).isEmpty();
        assertThat(RedisPeopleCounts.parse("-1|false|0||grok")).isEmpty();
        assertThat(RedisPeopleCounts.parse("2|false|0|0.9,0.9,0.5,0.5|grok")).as("a box outside the photo").isEmpty();
    }
}
