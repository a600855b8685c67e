package dev.kisscam.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code .env} file read the way systemd reads an {@code EnvironmentFile=}, so that one file means the same
 * thing to {@code bin/kisscam} and to {@code deploy/kisscam.service}: {@code KEY=value} lines, {@code #} and
 * {@code ;} comments, single and double quotes alike stripped (a quoted value may span lines), backslash escapes
 * as in a POSIX shell, and the {@code export } prefix that shell users and dotenv tools write.
 *
 * <p>A line it cannot read is a problem named by its line number only: such a line usually holds a secret (an
 * {@code export TOKEN=...} typed by habit, a value with a stray quote), so neither its key nor its value is
 * ever repeated.
 */
public final class EnvFile {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The values the file sets, in its order, and the lines it could not read. */
    public record Read(Map<String, String> values, List<String> problems) {
        public Read {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            problems = List.copyOf(problems);
        }
    }

    private final String text;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int position;
    private int line = 1;

    private EnvFile(String text) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Reads {@code text}, the whole file; {@code name} is how problems name it (".env"). */
    public static Read parse(String text, String name) {
        EnvFile file = new EnvFile(text);
        file.readAll(name);
        return new Read(file.values, file.problems);
    }

    private void readAll(String name) {
        while (position < text.length()) {
            int startLine = line;
            String logical = readAssignmentOrSkip();
            if (logical == null) {
                continue;
            }
            int equals = logical.indexOf('=');
            String key = equals < 0 ? "" : logical.substring(0, equals).strip();
            if (key.startsWith("export ") || key.startsWith("export\t")) {
                key = key.substring("export".length()).strip();
            }
            if (equals < 0 || !KEY.matcher(key).matches()) {
                problems.add(name + " line " + startLine + ": cannot read it (expected NAME=value)");
                skipRestOfLine();
                continue;
            }
            String value = readValue();
            if (value == null) {
                problems.add(name + " line " + startLine + ": cannot read it (a quote is never closed)");
                continue;
            }
            values.put(key, value);
        }
    }

    /**
     * The text up to and including the first '=' of the next assignment, or null after a blank or comment line
     * (consumed). A line without '=' comes back whole, for its problem to be noted.
     */
    private String readAssignmentOrSkip() {
        int end = text.indexOf('\n', position);
        String rest = end < 0 ? text.substring(position) : text.substring(position, end);
        String stripped = rest.strip();
        if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
            skipRestOfLine();
            return null;
        }
        int equals = rest.indexOf('=');
        if (equals < 0) {
            return rest;
        }
        position += equals + 1;
        return rest.substring(0, equals + 1);
    }

    private void skipRestOfLine() {
        int end = text.indexOf('\n', position);
        position = end < 0 ? text.length() : end + 1;
        line++;
    }

    /** The value after '=' to the end of its (logical) line, or null when a quote is never closed. */
    private String readValue() {
        skipBlanks();
        var value = new StringBuilder();
        if (position < text.length() && (text.charAt(position) == '\'' || text.charAt(position) == '"')) {
            char quote = text.charAt(position++);
            if (!readQuoted(quote, value)) {
                return null;
            }
            skipBlanks();
            if (position < text.length() && text.charAt(position) != '\n' && text.charAt(position) != '#') {
                // Text after the closing quote: systemd reads the rest as more of the value.
                readUnquoted(value);
                return value.toString().stripTrailing();
            }
            skipRestOfLine();
            return value.toString();
        }
        readUnquoted(value);
        return value.toString().strip();
    }

    private boolean readQuoted(char quote, StringBuilder value) {
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == quote) {
                return true;
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && quote == '"' && position < text.length()) {
                char next = text.charAt(position++);
                if (next == '\n') {
                    line++;
                    continue;
                }
                if ("\"\\`$".indexOf(next) < 0) {
                    value.append('\\');
                }
                value.append(next);
                continue;
            }
            value.append(c);
        }
        return false;
    }

    private void readUnquoted(StringBuilder value) {
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\n') {
                line++;
                return;
            }
            if (c == '\\' && position < text.length()) {
                char next = text.charAt(position++);
                if (next == '\n') {
                    line++;
                    continue;
                }
                value.append(next);
                continue;
            }
            value.append(c);
        }
    }

    private void skipBlanks() {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t'
                || text.charAt(position) == '\r')) {
            position++;
        }
    }
}
