package dev.kisscam.adapter.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.telegram.telegrambots.meta.api.methods.description.GetMyDescription;
import org.telegram.telegrambots.meta.api.methods.description.GetMyShortDescription;
import org.telegram.telegrambots.meta.api.methods.description.SetMyDescription;
import org.telegram.telegrambots.meta.api.methods.description.SetMyShortDescription;

/**
 * What a user reads about the bot before the first message (the description) and on its profile (the short
 * one): in English by default and for English speakers, in Russian for those who get the Russian menu. Each
 * is set only where Telegram shows something else, since Telegram limits how often a bot may change them
 * (a 429 can ask for an hour's wait); only words, so a failure is logged and the bot serves all the same.
 */
final class BotDescriptions {
    private static final System.Logger LOG = System.getLogger(BotDescriptions.class.getName());

    private final BotApi api;

    BotDescriptions(BotApi api) {
        this.api = api;
    }

    /** The language codes described: null (everyone else), English, then the Russian menu's. */
    static List<String> languages() {
        var languages = new ArrayList<String>();
        languages.add(null);
        languages.add(Texts.ENGLISH.getLanguage());
        languages.addAll(Commands.RUSSIAN_MENU_LANGUAGES);
        return languages;
    }

    /** Sets what differs, language by language; stops early when its thread is interrupted (the bot stops). */
    void update() {
        var turn = FloodControl.Turn.botWide(FloodControl.Priority.ACTION);
        for (String language : languages()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            Texts texts = Texts.of(Texts.localeFor(language));
            try {
                String description = texts.get("description");
                if (!Objects.equals(description, api.call(turn,
                        GetMyDescription.builder().languageCode(language).build()).getDescription())) {
                    api.call(turn, SetMyDescription.builder().description(description).languageCode(language).build());
                }
                String shortDescription = texts.get("description.short");
                if (!Objects.equals(shortDescription, api.call(turn,
                        GetMyShortDescription.builder().languageCode(language).build()).getShortDescription())) {
                    api.call(turn, SetMyShortDescription.builder().shortDescription(shortDescription)
                            .languageCode(language).build());
                }
            } catch (TelegramCallException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // The bot stops: nothing went wrong with Telegram.
                    LOG.log(System.Logger.Level.DEBUG, "the bot stopped while setting its descriptions");
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "could not set the bot's "
                        + (language == null ? "default" : language) + " description; the bot serves without it: "
                        + e.getMessage());
            }
        }
    }
}
