package dev.kisscam.app.monitoring;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enough of PromQL to check the expressions shipped in deploy/: the metric names an expression reads, and whether
 * its brackets and quotes close. Not a parser: where promtool is installed, the test asks it too.
 */
final class PromQl {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQl() {
    }

    /** The metric names {@code expr} reads: identifiers that are not functions, keywords, labels or durations. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        var names = new TreeSet<String>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String name = matcher.group();
            int after = matcher.end();
            while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
                after++;
            }
            boolean function = after < bare.length() && bare.charAt(after) == '(';
            boolean partOfNumber = matcher.start() > 0 && (Character.isDigit(bare.charAt(matcher.start() - 1))
                    || bare.charAt(matcher.start() - 1) == '.');
            if (!function && !partOfNumber && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** What is wrong with the brackets and quotes of {@code expr}, if anything. */
    static Optional<String> unbalanced(String expr) {
        var open = new ArrayDeque<Character>();
        boolean inString = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '(', '[', '{' -> open.push(c);
                case ')', ']', '}' -> {
                    char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (open.isEmpty() || open.pop() != expected) {
                        return Optional.of("'" + c + "' at " + i + " closes nothing open");
                    }
                }
                default -> { }
            }
        }
        if (inString) {
            return Optional.of("a string is not closed");
        }
        return open.isEmpty() ? Optional.empty() : Optional.of("'" + open.peek() + "' is not closed");
    }
}
