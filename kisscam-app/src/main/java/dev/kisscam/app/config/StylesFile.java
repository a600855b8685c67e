package dev.kisscam.app.config;

import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.service.KisscamSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The styles an operator adds (or rewords) in a {@code .properties} file named by {@value #STYLES_FILE}, UTF-8:
 * {@code <id>.prompt=...} (required: how the kiss looks, words for the video provider),
 * {@code <id>.label.en=...} and {@code <id>.label.ru=...} (what the frontends show). The built-in styles come
 * first, gentle first, and keep their places; new ones follow by id. A new style without a label in a
 * language is labelled with its id there. Every problem names the file and the key.
 */
final class StylesFile {
    static final String STYLES_FILE = "STYLES_FILE";
    /** The languages the frontends speak. */
    static final List<String> LANGUAGES = List.of("en", "ru");

    private static final Pattern KEY = Pattern.compile("(.+?)\\.(prompt|label\\.(?:en|ru))");

    /**
     * What the file says, read and checked.
     *
     * @param prompts each style's prompt fragment, by id
     * @param labels each style's label per language, by id
     */
    record Styles(Map<String, String> prompts, Map<String, Map<String, String>> labels) {
        static final Styles NONE = new Styles(Map.of(), Map.of());

        /** The styles requesters may choose: the core's built-in ones first, then the file's new ones by id. */
        List<VideoStyle> choice() {
            var ids = new ArrayList<>(KisscamSettings.STYLES.stream().map(VideoStyle::id).toList());
            new TreeSet<>(prompts.keySet()).stream().filter(id -> !ids.contains(id)).forEach(ids::add);
            return ids.stream().map(VideoStyle::new).toList();
        }

        /**
         * The operator's labels, in the order of {@code styles}: every language of every style the file adds (the
         * id where it gives no label) and the languages it relabels of a built-in style. A built-in style it does
         * not relabel is absent: the frontends have their own words for those.
         */
        Map<VideoStyle, Map<String, String>> labelsOf(List<VideoStyle> styles) {
            var all = new LinkedHashMap<VideoStyle, Map<String, String>>();
            for (VideoStyle style : styles) {
                Map<String, String> given = labels.getOrDefault(style.id(), Map.of());
                var perLanguage = new LinkedHashMap<String, String>();
                for (String language : LANGUAGES) {
                    if (given.containsKey(language) || !KisscamSettings.STYLES.contains(style)) {
                        perLanguage.put(language, given.getOrDefault(language, style.id()));
                    }
                }
                if (!perLanguage.isEmpty()) {
                    all.put(style, Collections.unmodifiableMap(perLanguage));
                }
            }
            return Collections.unmodifiableMap(all);
        }
    }

    private StylesFile() {
    }

    /** The file's styles, or nothing with each problem noted in {@code problems}. */
    static Styles read(Path file, List<String> problems) {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (CharacterCodingException e) {
            problems.add(STYLES_FILE + " " + file + " is not UTF-8 text");
            return Styles.NONE;
        } catch (IOException | IllegalArgumentException e) {
            problems.add(STYLES_FILE + " " + file + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            return Styles.NONE;
        }
        var prompts = new TreeMap<String, String>();
        var labels = new TreeMap<String, Map<String, String>>();
        int before = problems.size();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            Matcher parts = KEY.matcher(key);
            if (!parts.matches()) {
                problems.add(STYLES_FILE + " " + file + ": unknown key '" + key + "'; the keys are <id>.prompt, "
                        + "<id>.label.en and <id>.label.ru");
                continue;
            }
            String id = parts.group(1);
            if (parts.group(2).equals("prompt")) {
                prompts.put(id, value);
            } else if (value.isEmpty()) {
                problems.add(STYLES_FILE + " " + file + ": the label '" + key + "' is empty");
            } else {
                labels.computeIfAbsent(id, any -> new TreeMap<>()).put(parts.group(2).substring("label.".length()), value);
            }
        }
        var ids = new TreeSet<>(prompts.keySet());
        ids.addAll(labels.keySet());
        for (String id : ids) {
            boolean builtIn = KisscamSettings.STYLES.contains(validOrNull(id));
            if (!prompts.containsKey(id) && !builtIn) {
                problems.add(STYLES_FILE + " " + file + ": the style '" + id + "' has no '" + id + ".prompt'");
            }
            if (prompts.containsKey(id) || !builtIn) {
                GrokConfig.styleProblems(id, prompts.getOrDefault(id, "-")).forEach(problem ->
                        problems.add(STYLES_FILE + " " + file + ", key '" + id + ".prompt': " + problem));
            }
        }
        return problems.size() > before ? Styles.NONE : new Styles(prompts, labels);
    }

    private static VideoStyle validOrNull(String id) {
        try {
            return new VideoStyle(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
