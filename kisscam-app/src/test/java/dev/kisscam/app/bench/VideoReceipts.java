package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Videos as they reach the fake Telegram, each handed out once: a user's next video is the first sendVideo to
 * their chat not handed out before. Waiting blocks on the fake's monitor, so it ends as soon as the call is
 * recorded.
 */
final class VideoReceipts {
    private final FakeBotApi telegram;
    /** By identity: two calls with equal parameters are still two videos. */
    private final Set<BotApiCall> received = Collections.newSetFromMap(new IdentityHashMap<>());

    private VideoReceipts(FakeBotApi telegram) {
        this.telegram = telegram;
    }

    /** Receipts of the videos that come from now on; those sent before are not handed out. */
    static VideoReceipts from(FakeBotApi telegram) {
        var receipts = new VideoReceipts(telegram);
        receipts.received.addAll(telegram.calls("sendVideo"));
        return receipts;
    }

    BotApiCall awaitNext(FakeBotApi.User user, Duration timeout) throws InterruptedException {
        BotApiCall video = telegram.await(call -> call.method().equals("sendVideo") && call.chatId() == user.id()
                && !received.contains(call), timeout);
        received.add(video);
        return video;
    }
}
