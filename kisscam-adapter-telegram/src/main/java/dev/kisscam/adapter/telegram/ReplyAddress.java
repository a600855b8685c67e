package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import java.util.OptionalInt;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * Where the bot answers a requester: their chat, and the status message that follows their job. It travels
 * in the core's {@link Requester#replyTo()} as {@code <chat>} or {@code <chat>:<message>}, so it is saved with
 * the job: whichever thread, restart or instance brings the job's news finds the message to edit without
 * asking anyone. Requesters are {@code telegram:<user id>}.
 */
record ReplyAddress(long chatId, OptionalInt statusMessage) {
    static final String PREFIX = "telegram:";

    static ReplyAddress chat(long chatId) {
        return new ReplyAddress(chatId, OptionalInt.empty());
    }

    ReplyAddress withStatusMessage(int messageId) {
        return new ReplyAddress(chatId, OptionalInt.of(messageId));
    }

    static ReplyAddress of(Requester requester) {
        String replyTo = requester.replyTo();
        try {
            // Chat ids of groups are negative; the message id, when there is one, follows the last colon.
            int colon = replyTo.lastIndexOf(':');
            if (colon <= 0) {
                return chat(Long.parseLong(replyTo));
            }
            return new ReplyAddress(Long.parseLong(replyTo.substring(0, colon)),
                    OptionalInt.of(Integer.parseInt(replyTo.substring(colon + 1))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Telegram reply address: " + replyTo, e);
        }
    }

    String encode() {
        return statusMessage.isPresent() ? chatId + ":" + statusMessage.getAsInt() : Long.toString(chatId);
    }

    static Requester requester(User user, ReplyAddress address) {
        return new Requester(new RequesterId(PREFIX + user.getId()), address.encode(),
                Texts.localeFor(user.getLanguageCode()));
    }
}
