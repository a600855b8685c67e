package dev.kisscam.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every System.Logger line with arguments is a {@link MessageFormat} pattern, where a lone apostrophe starts a
 * quoted part: "the team's credits: {0}" prints "the teams credits: {0}" and loses the detail. The modules' own
 * sources are read, since the pattern is a string the compiler never checks.
 */
class LogPatternsTest {
    /** A log call with a level: its text up to the closing parenthesis of the statement. */
    private static final Pattern LOG_CALL = Pattern.compile("\\.log\\(\\s*(?:System\\.Logger\\.)?Level\\.[A-Z]+,(.*?)\\);",
            Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void no_log_pattern_with_arguments_loses_text_to_an_apostrophe() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path source : mainSources()) {
            Matcher call = LOG_CALL.matcher(Files.readString(source));
            while (call.find()) {
                String pattern = firstStringExpression(call.group(1));
                if (pattern != null && pattern.matches("(?s).*\\{\\d.*") && losesText(pattern)) {
                    broken.add(source.getFileName() + ": " + pattern);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void the_check_catches_the_apostrophe_that_once_hid_an_error() {
        assertThat(losesText("xAI refuses our calls (check the team's credits): {0}")).isTrue();
        assertThat(losesText("xAI refuses our calls (check the team''s credits): {0}")).isFalse();
        assertThat(losesText("job {0}: delivered")).isFalse();
    }

    /** Whether formatting drops or garbles text: the argument, or the apostrophe itself, would be missing. */
    static boolean losesText(String pattern) {
        String formatted;
        try {
            formatted = new MessageFormat(pattern).format(new Object[] {"ARG0", "ARG1", "ARG2", "ARG3", "ARG4"});
        } catch (IllegalArgumentException unparsable) {
            return true;
        }
        long apostrophes = pattern.chars().filter(c -> c == '\'').count();
        return !formatted.contains("ARG0") || formatted.chars().filter(c -> c == '\'').count() * 2 != apostrophes;
    }

    /** The concatenated string literals that open the call's second argument, or null when it is no literal. */
    private static String firstStringExpression(String arguments) {
        String rest = arguments.strip();
        if (!rest.startsWith("\"")) {
            return null;
        }
        var pattern = new StringBuilder();
        Matcher literal = STRING_LITERAL.matcher(rest);
        int position = 0;
        while (literal.find(position) && rest.substring(position, literal.start()).matches("\\s*\\+?\\s*")) {
            pattern.append(literal.group(1).replace("\\\"", "\"").replace("\\n", "\n"));
            position = literal.end();
        }
        return pattern.toString();
    }

    private static List<Path> mainSources() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> modules = Files.list(root)) {
            return modules.filter(module -> Files.isDirectory(module.resolve("src/main/java")))
                    .flatMap(module -> javaFiles(module.resolve("src/main/java")).stream()).toList();
        }
    }

    private static List<Path> javaFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
