package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a user sends the bot to get one video. Every photo sent carries bytes of its own (a JPEG comment with a
 * serial number, which changes neither its pixels nor its decoding), so no cache answers for a photo seen before:
 * each job costs what a new user's photo costs.
 */
sealed interface JobPhotos {

    /** Offers the photo updates to the fake Telegram, for the bot's next long poll. */
    void send(FakeBotApi telegram, FakeBotApi.User user);

    /** How many questions the vision model gets for one job. */
    int photos();

    String description();

    /** One photo that shows both people, sent as a photo (Telegram's own JPEG, long side at most 2560). */
    record OnePhoto(byte[] photo, String description) implements JobPhotos {
        @Override
        public void send(FakeBotApi telegram, FakeBotApi.User user) {
            telegram.sendPhoto(user, Unique.of(photo));
        }

        @Override
        public int photos() {
            return 1;
        }
    }

    /** One photo that shows both people, sent as a file: the camera's JPEG at full size, as Telegram keeps it. */
    record OneDocument(byte[] photo, String description) implements JobPhotos {
        @Override
        public void send(FakeBotApi telegram, FakeBotApi.User user) {
            telegram.sendDocument(user, Unique.of(photo), "image/jpeg", "IMG_" + user.id() + ".jpg");
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
            telegram.sendAlbumPhoto(user, Unique.of(first), mediaGroupId);
            telegram.sendAlbumPhoto(user, Unique.of(second), mediaGroupId);
        }

        @Override
        public int photos() {
            return 2;
        }
    }

    /** The JPEG with a COM segment after its SOI marker that holds a number no other photo sent has. */
    final class Unique {
        private static final AtomicLong SERIAL = new AtomicLong();

        private Unique() {
        }

        static byte[] of(byte[] jpeg) {
            if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
                throw new IllegalArgumentException("not a JPEG");
            }
            byte[] text = ("kisscam bench photo " + SERIAL.incrementAndGet()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int length = text.length + 2;
            byte[] out = new byte[jpeg.length + 2 + length];
            out[0] = (byte) 0xFF;
            out[1] = (byte) 0xD8;
            out[2] = (byte) 0xFF;
            out[3] = (byte) 0xFE;
            out[4] = (byte) (length >> 8);
            out[5] = (byte) length;
            System.arraycopy(text, 0, out, 6, text.length);
            System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
            return out;
        }
    }
}
