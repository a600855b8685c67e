package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import org.telegram.telegrambots.meta.api.objects.User;

/** How Telegram's users and chats map onto the core's requesters: {@code telegram:<user id>}, answered in the chat. */
final class ChatIds {
    static final String PREFIX = "telegram:";

    private ChatIds() {
    }

    static long of(Requester requester) {
        try {
            return Long.parseLong(requester.replyTo());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Telegram chat id: " + requester.replyTo(), e);
        }
    }

    static Requester requester(User user, long chatId) {
        return new Requester(new RequesterId(PREFIX + user.getId()), Long.toString(chatId),
                Texts.localeFor(user.getLanguageCode()));
    }
}
