package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.service.KisscamSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every text exists in both languages, including one for each refusal and failure the core knows. */
class BundlesTest {
    private static final Properties ENGLISH = load("messages.properties");
    private static final Properties RUSSIAN = load("messages_ru.properties");

    @Test
    void both_languages_have_the_same_keys() {
        assertThat(RUSSIAN.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(ENGLISH.stringPropertyNames());
    }

    @Test
    void every_refusal_and_failure_of_the_core_has_a_text_in_both_languages() {
        List<String> keys = new java.util.ArrayList<>();
        for (Class<?> type : Refusal.class.getPermittedSubclasses()) {
            keys.add(Wording.refusalKey(type.asSubclass(Refusal.class)));
        }
        Arrays.stream(FailureCode.values()).map(Wording::failureKey).forEach(keys::add);
        assertThat(keys).hasSize(Refusal.class.getPermittedSubclasses().length + FailureCode.values().length);
        assertThat(ENGLISH.stringPropertyNames()).containsAll(keys);
        assertThat(RUSSIAN.stringPropertyNames()).containsAll(keys);
    }

    @Test
    void every_key_is_a_key_so_no_text_ran_over_into_a_line_of_its_own() {
        assertThat(ENGLISH.stringPropertyNames()).allMatch(key -> key.matches("[A-Za-z0-9._-]+"));
        assertThat(RUSSIAN.stringPropertyNames()).allMatch(key -> key.matches("[A-Za-z0-9._-]+"));
    }

    @Test
    void every_built_in_style_has_a_label_in_both_languages() {
        for (VideoStyle style : KisscamSettings.STYLES) {
            assertThat(ENGLISH.getProperty("style." + style.id())).as("English " + style).isNotBlank();
            assertThat(RUSSIAN.getProperty("style." + style.id())).as("Russian " + style).isNotBlank()
                    .isNotEqualTo(ENGLISH.getProperty("style." + style.id()));
        }
        var labels = StyleLabels.of(KisscamSettings.STYLES);
        assertThat(labels.label(new VideoStyle("hug-then-kiss"), Texts.RUSSIAN)).isEqualTo("🤗 Объятие и поцелуй");
        assertThat(labels.label(new VideoStyle("hug-then-kiss"), Locale.forLanguageTag("pt-BR")))
                .as("a language with no bundle reads English").isEqualTo("🤗 Hug, then kiss");
    }

    @Test
    void an_operators_label_comes_first_then_the_bundle_then_the_id_made_readable() {
        var underwater = new VideoStyle("under-water");
        var labels = new StyleLabels(List.of(VideoStyle.GENTLE, underwater),
                Map.of(VideoStyle.GENTLE, Map.of("ru", " Ласково "), underwater, Map.of("en", "🐠 Under water")));

        assertThat(labels.label(VideoStyle.GENTLE, Texts.RUSSIAN)).isEqualTo("Ласково");
        assertThat(labels.label(VideoStyle.GENTLE, Texts.ENGLISH)).isEqualTo("💞 Gentle");
        assertThat(labels.label(underwater, Texts.ENGLISH)).isEqualTo("🐠 Under water");
        assertThat(labels.label(underwater, Texts.RUSSIAN)).isEqualTo("Under water");
    }

    @Test
    void russian_texts_are_russian_and_read_as_utf8() {
        assertThat(Texts.of(Texts.RUSSIAN).get("command.stats")).isEqualTo("Ваша статистика");
        assertThat(Texts.of(Texts.ENGLISH).get("command.stats")).isEqualTo("Your usage");
    }

    @Test
    void no_text_holds_an_ascii_apostrophe_that_message_format_would_swallow() {
        assertThat(ENGLISH.values()).noneMatch(v -> v.toString().contains("'"));
        assertThat(RUSSIAN.values()).noneMatch(v -> v.toString().contains("'"));
    }

    @Test
    void the_language_follows_the_users_language_code() {
        assertThat(Texts.localeFor("ru")).isEqualTo(Texts.RUSSIAN);
        assertThat(Texts.localeFor("uk")).isEqualTo(Texts.RUSSIAN);
        assertThat(Texts.localeFor("be")).isEqualTo(Texts.RUSSIAN);
        assertThat(Texts.localeFor("en")).isEqualTo(Texts.ENGLISH);
        assertThat(Texts.localeFor("pt-br")).isEqualTo(Texts.ENGLISH);
        assertThat(Texts.localeFor(null)).isEqualTo(Texts.ENGLISH);
    }

    @Test
    void the_progress_bar_has_eight_cells() {
        assertThat(Wording.progressBar(0)).isEqualTo("░░░░░░░░ 0 %");
        assertThat(Wording.progressBar(50)).isEqualTo("▓▓▓▓░░░░ 50 %");
        assertThat(Wording.progressBar(100)).isEqualTo("▓▓▓▓▓▓▓▓ 100 %");
    }

    private static Properties load(String name) {
        var properties = new Properties();
        try (InputStream in = BundlesTest.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
