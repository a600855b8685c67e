package dev.kisscam.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.port.out.GenerationSlots;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAdaptersTest {
    @RegisterExtension
    final RedisInstances redis = new RedisInstances();

    @Test
    void a_reachable_redis_answers_the_health_probe() {
        assertThat(redis.instance().ping(Duration.ofSeconds(2))).isNotNegative();
    }

    @Test
    void without_redis_no_slot_is_free_and_the_probe_names_the_server_but_not_its_password() {
        RedisConfig config = redis.config();
        var withPassword = new RedisConfig(config.host(), config.port(), config.database(), config.username(),
                java.util.Optional.of("never-in-a-message"), config.tls(), config.keyPrefix(), config.leaderLease());
        RedisAdapters gone = RedisAdapters.create(withPassword);
        GenerationSlots slots = gone.generationSlots(2);
        gone.close(); // answers nothing from now on, at once

        assertThat(slots.tryAcquire(Duration.ofSeconds(30))).as("jobs wait rather than run past the limit").isEmpty();
        assertThat(slots.available()).isZero();
        assertThat(slots.inUse()).isZero();
        assertThatThrownBy(() -> gone.ping(Duration.ofSeconds(2))).isInstanceOf(RedisUnavailable.class)
                .hasMessageContaining(config.describe()).hasMessageNotContaining("never-in-a-message");
    }
}
