package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.Requester;
import org.telegram.telegrambots.meta.api.objects.User;

/** The user behind an update, the chat to answer in, and the language to answer in. */
record Asker(Requester requester, long chatId, Texts texts) {

    static Asker of(User user, long chatId) {
        Requester requester = ChatIds.requester(user, chatId);
        return new Asker(requester, chatId, Texts.of(requester.locale()));
    }

    String text(String key, Object... args) {
        return texts.get(key, args);
    }
}
