package dev.kisscam.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisConfigTest {

    @Test
    void a_url_gives_host_port_database_and_password() {
        RedisConfig config = RedisConfig.fromUrl("redis://:s3cret%2Fpw@cache.internal:6380/2");

        assertThat(config.host()).isEqualTo("cache.internal");
        assertThat(config.port()).isEqualTo(6380);
        assertThat(config.database()).isEqualTo(2);
        assertThat(config.password()).contains("s3cret/pw");
        assertThat(config.username()).isEmpty();
        assertThat(config.address()).isEqualTo("redis://cache.internal:6380");
    }

    @Test
    void a_url_may_leave_out_port_database_and_credentials_and_may_ask_for_tls_and_a_user() {
        assertThat(RedisConfig.fromUrl("redis://127.0.0.1")).satisfies(config -> {
            assertThat(config.port()).isEqualTo(RedisConfig.DEFAULT_PORT);
            assertThat(config.database()).isZero();
            assertThat(config.password()).isEmpty();
        });
        RedisConfig tls = RedisConfig.fromUrl("rediss://bot:pw@cache.internal/1");
        assertThat(tls.address()).startsWith("rediss://");
        assertThat(tls.username()).contains("bot");
        assertThat(tls.password()).contains("pw");
    }

    @Test
    void a_bad_url_names_the_variable_and_never_the_password() {
        assertThatThrownBy(() -> RedisConfig.fromUrl("http://:hunter2@cache/x"))
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> {
                    assertThat(invalid.problems()).hasSize(2).allMatch(problem -> problem.startsWith("REDIS_URL"));
                    assertThat(invalid.getMessage()).doesNotContain("hunter2");
                });
        assertThatThrownBy(() -> RedisConfig.fromUrl("redis://:hunter2@/0"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void the_seed_form_checks_every_value_at_once() {
        assertThatThrownBy(() -> RedisConfig.of(" ", 70_000, -1, Optional.empty()))
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .hasSize(3).anyMatch(p -> p.startsWith("REDIS_HOST")).anyMatch(p -> p.startsWith("REDIS_PORT"))
                        .anyMatch(p -> p.startsWith("REDIS_DB")));
    }

    @Test
    void it_prints_without_its_password() {
        RedisConfig config = RedisConfig.of("cache", 6379, 0, Optional.of("hunter2"));

        assertThat(config.toString()).doesNotContain("hunter2").contains("****").contains("redis://cache:6379/0");
    }
}
