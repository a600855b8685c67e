package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.util.concurrent.atomic.AtomicInteger;

/** What a user sends the bot to get one video. */
sealed interface JobPhotos {

    /** Offers the photo updates to the fake Telegram, for the bot's next long poll. */
    void send(FakeBotApi telegram, FakeBotApi.User user);

    /** How many questions the vision model gets for one job. */
    int photos();

    String description();

    /** One photo that shows both people. */
    record OnePhoto(byte[] photo, String description) implements JobPhotos {
        @Override
        public void send(FakeBotApi telegram, FakeBotApi.User user) {
            telegram.sendPhoto(user, photo);
        }

        @Override
        public int photos() {
            return 1;
        }
    }

    /** Two photos of one person each, sent together as an album, as a phone sends two photos picked at once. */
    record Album(byte[] first, byte[] second, String description) implements JobPhotos {
        private static final AtomicInteger ALBUMS = new AtomicInteger();

        @Override
        public void send(FakeBotApi telegram, FakeBotApi.User user) {
            String mediaGroupId = "album-" + ALBUMS.incrementAndGet();
            telegram.sendAlbumPhoto(user, first, mediaGroupId);
            telegram.sendAlbumPhoto(user, second, mediaGroupId);
        }

        @Override
        public int photos() {
            return 2;
        }
    }
}
