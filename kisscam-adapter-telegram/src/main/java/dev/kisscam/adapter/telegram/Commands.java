package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.port.in.CancelOutcome;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.Usage;
import dev.kisscam.core.port.in.UsageReport;
import java.util.List;
import java.util.Locale;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/** The slash commands: what they answer, and the menu Telegram shows for them. */
final class Commands {
    static final List<String> MENU = List.of("start", "help", "stats", "cancel");
    /** The languages whose users get the Russian menu; everyone else gets the default, English one. */
    static final List<String> RUSSIAN_MENU_LANGUAGES = List.of("ru", "uk", "be");

    private final Replies replies;
    private final JobControl control;
    private final Usage usage;

    Commands(Replies replies, JobControl control, Usage usage) {
        this.replies = replies;
        this.control = control;
        this.usage = usage;
    }

    /** {@code /name} or {@code /name@bot_name}, with or without arguments. */
    void run(Asker asker, String text) {
        String command = text.substring(1).split("[\\s@]", 2)[0].toLowerCase(Locale.ROOT);
        switch (command) {
            case "start" -> replies.say(asker, asker.text("start"));
            case "help" -> replies.say(asker, asker.text("help"));
            case "stats" -> replies.say(asker, stats(asker));
            case "cancel" -> replies.say(asker, cancel(asker));
            default -> replies.say(asker, asker.text("hint.unknownCommand"));
        }
    }

    /** Cancels the asker's draft or job and says what happened. */
    String cancel(Asker asker) {
        return said(asker, control.cancel(asker.requester().id()), "cancel.nothing");
    }

    /**
     * The Cancel button of {@code job}: acts on that job only. A button of a job that has ended, or one that
     * outlived a restart or a failed edit, says it has expired rather than cancel whatever runs now.
     */
    String cancel(Asker asker, JobId job) {
        return said(asker, control.cancel(asker.requester().id(), job), "callback.expired");
    }

    private static String said(Asker asker, CancelOutcome outcome, String nothingKey) {
        return switch (outcome) {
            case CancelOutcome.Cancelled c -> asker.text("cancel." + c.what().name());
            case CancelOutcome.NothingToCancel n -> asker.text(nothingKey);
        };
    }

    private String stats(Asker asker) {
        UsageReport report = usage.usage(asker.requester().id());
        String text = asker.text("stats", report.videosDelivered(), report.quota().remaining(),
                report.quota().limit(), asker.texts().moment(report.quota().resetsAt()));
        if (report.activeJob().isPresent()) {
            text += asker.text("stats.active");
        }
        if (report.draftWaiting()) {
            text += asker.text("stats.draft");
        }
        return text;
    }

    /** The command menu in one language; {@code languageCode} null is the default for all others. */
    static SetMyCommands menu(Texts texts, String languageCode) {
        return SetMyCommands.builder()
                .commands(MENU.stream().map(c -> new BotCommand(c, texts.get("command." + c))).toList())
                .languageCode(languageCode)
                .build();
    }
}
