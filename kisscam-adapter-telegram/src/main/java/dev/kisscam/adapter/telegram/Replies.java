package dev.kisscam.adapter.telegram;

import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;

/**
 * Plain answers to a user, ahead of status edits at the {@link FloodControl}. A reply that cannot be sent is
 * logged: the update is handled either way.
 */
final class Replies {
    private static final System.Logger LOG = System.getLogger(Replies.class.getName());

    private final BotApi api;

    Replies(BotApi api) {
        this.api = api;
    }

    void say(Asker to, String text) {
        try {
            api.call(FloodControl.Turn.answer(to.chatId()), SendMessage.builder().chatId(to.chatId()).text(text).build());
        } catch (TelegramCallException e) {
            LOG.log(System.Logger.Level.WARNING, "could not answer in chat " + to.chatId(), e);
        }
    }

    /** Replaces a message's text and drops its buttons, so a one-time button cannot be pressed twice. */
    void replace(Asker in, int messageId, String text) {
        try {
            api.call(FloodControl.Turn.answer(in.chatId()), EditMessageText.builder().chatId(in.chatId()).messageId(messageId).text(text).build());
        } catch (TelegramCallException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not edit a message in chat " + in.chatId(), e);
        }
    }

    /** Stops the button's spinner; {@code text} shows as a short notice. */
    void answerButton(String callbackQueryId, String text) {
        try {
            api.call(FloodControl.Turn.botWide(FloodControl.Priority.ANSWER), AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId).text(text).build());
        } catch (TelegramCallException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not answer a button press", e);
        }
    }
}
