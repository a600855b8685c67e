package dev.kisscam.app.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a bot logged at WARN and above, told in kinds: a thousand jobs that hit the same trouble make a thousand
 * lines that differ only in times, ids and numbers.
 */
final class BotLog {
    private static final Pattern TIMESTAMP = Pattern.compile("^\\S+Z\\s+");
    private static final Pattern THREAD = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern NUMBERS = Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}|\\d+");

    private BotLog() {
    }

    /** One line of totals, then up to {@code kinds} lines, most frequent first: {@code 12 x WARN ... attempt # failed}. */
    static List<String> summary(String output, int kinds) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : lines) {
            String kind = NUMBERS.matcher(THREAD.matcher(TIMESTAMP.matcher(line).replaceFirst("")).replaceAll(""))
                    .replaceAll("#").replaceAll("\\s+", " ");
            counts.merge(kind, 1, Integer::sum);
        }
        var summary = new java.util.ArrayList<String>();
        summary.add("bot log (WARN and above): " + lines.size() + " lines, " + counts.size() + " kinds");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(kinds)
                .forEach(kind -> summary.add("  " + kind.getValue() + " x " + kind.getKey()));
        return summary;
    }
}
