package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.Requester;
import org.telegram.telegrambots.meta.api.objects.User;

/** The user behind an update, the chat to answer in, and the language to answer in. */
record Asker(User user, Requester requester, long chatId, Texts texts) {

    static Asker of(User user, long chatId) {
        Requester requester = ReplyAddress.requester(user, ReplyAddress.chat(chatId));
        return new Asker(user, requester, chatId, Texts.of(requester.locale()));
    }

    /** The same user as a requester whose job news go to {@code status}, a message in this chat. */
    Requester answeredAt(StatusMessage status) {
        return ReplyAddress.requester(user, status.address());
    }

    String text(String key, Object... args) {
        return texts.get(key, args);
    }
}
