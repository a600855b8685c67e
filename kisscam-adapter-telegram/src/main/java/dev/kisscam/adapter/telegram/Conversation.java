package dev.kisscam.adapter.telegram;

import java.util.List;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** What the bot does with one update: commands, photos, button presses, and a hint for anything else. */
final class Conversation {
    private static final System.Logger LOG = System.getLogger(Conversation.class.getName());

    private final Commands commands;
    private final PhotoFlow photos;
    private final AlbumCollector albums;
    private final Replies replies;

    Conversation(Commands commands, PhotoFlow photos, AlbumCollector albums, Replies replies) {
        this.commands = commands;
        this.photos = photos;
        this.albums = albums;
        this.replies = replies;
    }

    /** The chat whose lane an update runs in; updates without a chat share lane 0. */
    static long chatOf(Update update) {
        if (update.hasMessage()) {
            return update.getMessage().getChatId();
        }
        if (update.hasCallbackQuery()) {
            CallbackQuery query = update.getCallbackQuery();
            return query.getMessage() != null ? query.getMessage().getChatId() : query.getFrom().getId();
        }
        return 0;
    }

    void handle(Update update) {
        if (update.hasMessage() && update.getMessage().getFrom() != null) {
            handle(update, update.getMessage());
        } else if (update.hasCallbackQuery()) {
            press(update.getCallbackQuery());
        } else {
            LOG.log(System.Logger.Level.DEBUG, "ignored update {0}", update.getUpdateId());
        }
    }

    private void handle(Update update, Message message) {
        Asker asker = Asker.of(message.getFrom(), message.getChatId());
        if (message.hasText()) {
            String text = message.getText().strip();
            if (text.startsWith("/")) {
                commands.run(asker, text);
            } else {
                replies.say(asker, asker.text("hint.text"));
            }
            return;
        }
        // An animation also arrives as a document; videos, voice and stickers are no photos either.
        boolean otherMedia = message.hasAnimation() || message.hasSticker() || message.hasVideo()
                || message.hasVoice() || message.hasVideoNote() || message.hasAudio();
        Optional<PhotoRef> photo = otherMedia ? Optional.empty() : PhotoRef.from(message);
        if (photo.isEmpty()) {
            replies.say(asker, asker.text("hint.media"));
        } else if (message.getMediaGroupId() != null) {
            albums.add(asker.chatId(), message.getMediaGroupId(), UpdateJson.write(update));
        } else {
            photos.submit(asker, List.of(photo.get()));
        }
    }

    private void press(CallbackQuery query) {
        long chatId = query.getMessage() != null ? query.getMessage().getChatId() : query.getFrom().getId();
        Asker asker = Asker.of(query.getFrom(), chatId);
        Optional<CallbackData> action = CallbackData.parse(query.getData());
        if (action.isEmpty()) {
            replies.answerButton(query.getId(), asker.text("callback.expired"));
            return;
        }
        switch (action.get()) {
            case CallbackData.CancelJob cancel -> replies.answerButton(query.getId(), commands.cancel(asker, cancel.job()));
            case CallbackData.RetryJob retry -> {
                replies.answerButton(query.getId(), asker.text("button.retry"));
                photos.retry(asker, retry.job());
            }
            case CallbackData.Restyle restyle -> replies.answerButton(query.getId(), query.getMessage() == null
                    ? asker.text("callback.expired")
                    : photos.restyle(asker, query.getMessage().getMessageId(), restyle.job(), restyle.style()));
            case CallbackData.AnotherTake take -> {
                replies.answerButton(query.getId(), asker.text("button.anotherTake"));
                photos.anotherTake(asker, take.delivered(), take.style());
            }
            case CallbackData.GiveConsent consent -> {
                replies.answerButton(query.getId(), asker.text("consent.recorded"));
                // The photos that waited go on in their chats' lanes, after this thanks.
                boolean photosGoOn = photos.consented(asker);
                if (query.getMessage() != null) {
                    replies.replace(asker, query.getMessage().getMessageId(),
                            asker.text(photosGoOn ? "consent.thanks" : "consent.thanksNoPhotos"));
                }
            }
        }
    }
}
