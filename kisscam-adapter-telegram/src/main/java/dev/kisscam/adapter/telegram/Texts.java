package dev.kisscam.adapter.telegram;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

/** What the bot says, in one user's language; the words live in {@code messages*.properties}. */
final class Texts {
    static final String BUNDLE = "dev.kisscam.adapter.telegram.messages";
    static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    static final Locale ENGLISH = Locale.ENGLISH;

    private static final Texts IN_RUSSIAN = new Texts(RUSSIAN);
    private static final Texts IN_ENGLISH = new Texts(ENGLISH);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Texts(Locale locale) {
        this.locale = locale;
        // No fallback to the JVM's default locale: English is the base bundle, whatever the server's locale.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Russian for Russian, Ukrainian and Belarusian speakers, English for everyone else. */
    static Locale localeFor(String languageCode) {
        if (languageCode == null) {
            return ENGLISH;
        }
        String language = Locale.forLanguageTag(languageCode).getLanguage();
        return switch (language) {
            case "ru", "uk", "be" -> RUSSIAN;
            default -> ENGLISH;
        };
    }

    static Texts of(Locale locale) {
        return RUSSIAN.getLanguage().equals(locale.getLanguage()) ? IN_RUSSIAN : IN_ENGLISH;
    }

    Locale locale() {
        return locale;
    }

    /** The text under {@code key}, or empty when the bundle has none (an operator's own style, say). */
    Optional<String> find(String key) {
        return bundle.containsKey(key) ? Optional.of(bundle.getString(key)) : Optional.empty();
    }

    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** A moment as the user reads it; UTC, since Telegram does not tell us the user's time zone. */
    String moment(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }

    static String megabytes(long bytes) {
        return String.valueOf(Math.max(1, Math.round(bytes / (1024.0 * 1024.0))));
    }
}
