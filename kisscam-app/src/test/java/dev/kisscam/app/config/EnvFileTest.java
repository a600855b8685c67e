package dev.kisscam.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileTest {
    private static final String TOKEN = "123456:AAH-secret_token_value";
    private static final String KEY = "xai-0123456789abcdef";

    @Test
    void reads_plain_assignments_comments_and_blank_lines() {
        EnvFile.Read read = EnvFile.parse("""
                # the bot
                TELEGRAM_BOT_TOKEN=%s
                ; another comment style systemd knows

                  GROK_API_KEY = %s \s
                LOG_LEVEL=
                """.formatted(TOKEN, KEY), ".env");

        assertThat(read.problems()).isEmpty();
        assertThat(read.values()).containsExactly(Map.entry("TELEGRAM_BOT_TOKEN", TOKEN), Map.entry("GROK_API_KEY", KEY),
                Map.entry("LOG_LEVEL", ""));
    }

    @Test
    void export_in_front_of_a_line_is_the_shell_habit_and_is_accepted() {
        EnvFile.Read read = EnvFile.parse("export TELEGRAM_BOT_TOKEN=" + TOKEN + "\nexport\tGROK_API_KEY='" + KEY + "'\n",
                ".env");

        assertThat(read.problems()).isEmpty();
        assertThat(read.values()).containsEntry("TELEGRAM_BOT_TOKEN", TOKEN).containsEntry("GROK_API_KEY", KEY);
    }

    @Test
    void single_and_double_quotes_mean_the_same_as_they_do_to_systemd() {
        EnvFile.Read read = EnvFile.parse("""
                SINGLE='%s'
                DOUBLE="%s"
                SPACES="  kept inside  "
                ESCAPED="a \\"quoted\\" word and a \\\\ backslash, \\n stays"
                VERBATIM='no \\escapes here'
                SPANNING="first
                second"
                WINDOWS="crlf"\r
                UNQUOTED=a\\ b\\\\c
                """.formatted(KEY, KEY), ".env");

        assertThat(read.problems()).isEmpty();
        assertThat(read.values()).containsEntry("SINGLE", KEY).containsEntry("DOUBLE", KEY)
                .containsEntry("SPACES", "  kept inside  ")
                .containsEntry("ESCAPED", "a \"quoted\" word and a \\ backslash, \\n stays")
                .containsEntry("VERBATIM", "no \\escapes here")
                .containsEntry("SPANNING", "first\nsecond")
                .containsEntry("WINDOWS", "crlf")
                .containsEntry("UNQUOTED", "a b\\c");
    }

    @Test
    void a_line_it_cannot_read_is_named_by_its_number_and_the_others_still_count() {
        EnvFile.Read read = EnvFile.parse("""
                GROK_API_KEY=%s
                just some words
                1BAD=value
                LOG_LEVEL=DEBUG
                """.formatted(KEY), ".env");

        assertThat(read.problems()).containsExactly(".env line 2: cannot read it (expected NAME=value)",
                ".env line 3: cannot read it (expected NAME=value)");
        assertThat(read.values()).containsOnlyKeys("GROK_API_KEY", "LOG_LEVEL");
    }

    @Test
    void line_numbers_count_the_lines_a_quoted_value_spans() {
        EnvFile.Read read = EnvFile.parse("A='one\ntwo\nthree'\n\nnonsense\n", ".env");

        assertThat(read.problems()).containsExactly(".env line 5: cannot read it (expected NAME=value)");
    }

    @Test
    void no_secret_ever_appears_in_a_problem_whatever_shape_the_bad_line_has() {
        List<String> secrets = List.of(TOKEN, KEY, "p@ss:w0rd!", "s3-secret-key/with+chars");
        List<String> shapes = List.of(
                "export %s", "%s", "TELEGRAM_BOT_TOKEN %s", "TELEGRAM BOT TOKEN=%s", "=%s", "-KEY=%s",
                "GROK_API_KEY='%s", "GROK_API_KEY=\"%s", "export export KEY=%s", "KEY-NAME=%s", "'%s'=value",
                "%s=value", "\"GROK_API_KEY=%s\"");
        for (String secret : secrets) {
            for (String shape : shapes) {
                String line = shape.formatted(secret);
                EnvFile.Read read = EnvFile.parse("LOG_LEVEL=INFO\n" + line + "\nPORT=8000\n", ".env");

                assertThat(read.problems()).as(line).isNotEmpty()
                        .allSatisfy(problem -> assertThat(problem).startsWith(".env line 2: cannot read it")
                                .doesNotContain(secret).doesNotContain("GROK_API_KEY").doesNotContain("TOKEN"));
            }
        }
    }
}
