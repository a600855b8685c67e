package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrokConfigTest {
    private static final String KEY = "xai-secret-0123456789";

    @Test
    void the_defaults_are_those_of_the_issue() {
        GrokConfig config = GrokConfig.defaults(KEY);

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.x.ai/v1"));
        assertThat(config.visionModel()).isEqualTo("grok-4.3");
        assertThat(config.videoModel()).isEqualTo("grok-imagine-video");
        assertThat(config.durationSeconds()).isEqualTo(6);
        assertThat(config.resolution()).isEqualTo("480p");
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.generationTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.maxImageSide()).isEqualTo(1280);
        assertThat(config.maxConcurrentDecodes()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(config.maxVideoBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(config.twoPhotoMode()).isEqualTo(GrokConfig.TwoPhotoMode.REFERENCE);
        assertThat(config.generateAudio()).isTrue();
        assertThat(config.submitsPerSecond()).isEqualTo(1);
        assertThat(config.stylePrompts().keySet()).containsExactly("gentle", "cinematic", "sunset", "rain", "snow",
                "cheek-kiss", "forehead-kiss", "hug-then-kiss");
    }

    @Test
    void the_style_table_words_every_style_the_core_offers_by_default() {
        GrokConfig config = GrokConfig.defaults(KEY);

        assertThat(dev.kisscam.core.service.KisscamSettings.STYLES)
                .allSatisfy(style -> assertThat(config.wordsStyle(style.id())).as(style.id()).isTrue());
        assertThat(config.wordsStyle("disco")).isFalse();
        assertThat(config.toBuilder().stylePrompt("disco", "a kiss under a glitter ball").build().wordsStyle("disco"))
                .isTrue();
    }

    @Test
    void model_and_resolution_are_checked_together() {
        assertThat(GrokConfig.builder(KEY).videoModel("grok-imagine-video-1.5").resolution("1080p").build().resolution())
                .isEqualTo("1080p");
        assertThatThrownBy(() -> GrokConfig.builder(KEY).resolution("1080p").build())
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .containsExactly("VIDEO_RESOLUTION=1080p is not offered by GROK_VIDEO_MODEL=grok-imagine-video,"
                                + " which offers 480p, 720p; choose one of those or a model that offers 1080p"));
        assertThatThrownBy(() -> GrokConfig.builder(KEY).videoModel("grok-imagine-video-1.5-lite").resolution("1080p")
                .build()).isInstanceOf(InvalidConfiguration.class).hasMessageContaining("which offers 480p, 720p");
        assertThatThrownBy(() -> GrokConfig.builder(KEY).videoModel("grok-imagine-video-beta").build())
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .containsExactly("GROK_VIDEO_MODEL must be one of grok-imagine-video, grok-imagine-video-1.5,"
                                + " grok-imagine-video-1.5-lite, was 'grok-imagine-video-beta'"));
    }

    @Test
    void style_ids_and_prompts_are_checked() {
        assertThatThrownBy(() -> GrokConfig.builder(KEY).stylePrompt("Beach Day", "on a beach").stylePrompt("night", " ")
                .stylePrompt("default", "x").stylePrompt("long", "a".repeat(301)).submitsPerSecond(0).build())
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .containsExactlyInAnyOrder(
                                "the style id 'Beach Day' must be 1 to 32 lower-case letters, digits or dashes",
                                "the style 'night' needs a prompt",
                                "the style id 'default' is reserved: it stands for the first style",
                                "the prompt of style 'long' must be one line of at most 300 characters",
                                "GROK_SUBMITS_PER_SECOND must be between 1 and 100000, was 0"));
    }

    @Test
    void the_secrets_never_show_in_to_string() {
        GrokConfig config = GrokConfig.builder(KEY).userHashSecret("hash-secret-987").build();

        assertThat(config.toString()).doesNotContain(KEY).doesNotContain("hash-secret-987").contains("apiKey=***");
        assertThat(config.toBuilder().toString()).doesNotContain(KEY);
        try (GrokAdapters adapters = GrokAdapters.create(config)) {
            assertThat(adapters.toString() + adapters.peopleDetector() + adapters.videoGenerator() + adapters.health())
                    .doesNotContain(KEY).doesNotContain("hash-secret-987");
        }
    }

    @Test
    void the_user_hash_secret_defaults_to_the_key_and_follows_a_new_key_unless_set() {
        GrokConfig config = GrokConfig.defaults(KEY);
        assertThat(config.userHashSecret()).isEqualTo(KEY);
        assertThat(config.toBuilder().apiKey("other-key").build().userHashSecret()).isEqualTo("other-key");

        GrokConfig set = GrokConfig.builder(KEY).userHashSecret("own").build();
        assertThat(set.toBuilder().apiKey("other-key").build().userHashSecret()).isEqualTo("own");
    }

    @Test
    void the_builder_round_trips_every_value() {
        GrokConfig custom = GrokConfig.builder(KEY).baseUrl(URI.create("http://127.0.0.1:9/v1")).visionModel("v")
                .videoModel("grok-imagine-video-1.5").twoPhotoMode(GrokConfig.TwoPhotoMode.COLLAGE).generateAudio(false)
                .stylePrompt("beach", "on a beach at night").submitsPerSecond(3).durationSeconds(8).resolution("1080p")
                .pollInterval(Duration.ofMillis(1500)).generationTimeout(Duration.ofMinutes(5)).maxImageSide(1024)
                .maxConcurrentDecodes(3).maxVideoBytes(10_000_000).build();

        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        assertThat(custom.stylePrompts()).containsEntry("beach", "on a beach at night").containsKey("gentle");
    }

    @Test
    void values_outside_what_the_api_takes_are_refused_at_once() {
        assertThatThrownBy(() -> GrokConfig.defaults(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrokConfig.builder(KEY).durationSeconds(16).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("VIDEO_DURATION must be between 1 and 15, was 16");
        assertThatThrownBy(() -> GrokConfig.builder(KEY).resolution("360p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("360p");
        assertThatThrownBy(() -> GrokConfig.builder(KEY).baseUrl(URI.create("ftp://api.x.ai/v1")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrokConfig.builder(KEY).pollInterval(Duration.ofMinutes(20)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrokConfig.builder(KEY).maxImageSide(10).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrokConfig.builder(KEY).maxConcurrentDecodes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrent decodes");
        assertThatThrownBy(() -> new GrokConfig.RetrySettings(0, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrokConfig.Timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_broken_rule_is_reported_at_once_by_the_variable_an_operator_sets() {
        var builder = GrokConfig.builder(null).baseUrl(URI.create("ftp://api.x.ai/v1")).durationSeconds(20)
                .resolution("4k").pollInterval(Duration.ofSeconds(30)).generationTimeout(Duration.ofSeconds(20))
                .requestsPerSecond(0);

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidConfiguration.class, invalid ->
                assertThat(invalid.problems()).containsExactlyInAnyOrder(
                        "GROK_API_URL must be an http(s) URL, was 'ftp://api.x.ai/v1'",
                        "GROK_API_KEY is required: the xAI API key",
                        "VIDEO_DURATION must be between 1 and 15, was 20",
                        "VIDEO_RESOLUTION must be one of 480p, 720p, 1080p, was '4k'",
                        "GROK_POLL_INTERVAL must be shorter than GROK_GENERATION_TIMEOUT",
                        "GROK_REQUESTS_PER_SECOND must be between 1 and 100000, was 0"));
    }

    @Test
    void durations_are_reported_in_the_seconds_an_operator_writes() {
        assertThatThrownBy(() -> GrokConfig.builder(KEY).pollInterval(Duration.ofMillis(-1500))
                .generationTimeout(Duration.ZERO).build())
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .containsExactlyInAnyOrder("GROK_POLL_INTERVAL must be at least 0 seconds, was -1.5",
                                "GROK_GENERATION_TIMEOUT must be more than 0 seconds, was 0"));
    }

    @Test
    void requests_per_second_set_the_rate_limit_and_keep_its_wait() {
        var wait = Duration.ofSeconds(7);
        GrokConfig config = GrokConfig.builder(KEY)
                .rateLimit(new GrokConfig.RateLimitSettings(3, Duration.ofMinutes(1), wait)).requestsPerSecond(25).build();

        assertThat(config.rateLimit()).isEqualTo(new GrokConfig.RateLimitSettings(25, Duration.ofSeconds(1), wait));
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void errors_about_the_key_never_quote_it() {
        assertThatThrownBy(() -> GrokConfig.builder(KEY).durationSeconds(0).build())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThatThrownBy(() -> GrokConfig.builder(KEY).userHashSecret(" ").visionModel("").build())
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .containsExactlyInAnyOrder("GROK_USER_HASH_SECRET must not be blank",
                                "GROK_VISION_MODEL must not be blank")
                        .noneMatch(problem -> problem.contains(KEY)));
    }
}
