package dev.kisscam.adapter.telegram;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Telegram sends each item of an album as its own update with a shared {@code media_group_id}; an album is
 * complete when no item has come for a quiet window. The items gather in an {@link AlbumStore}, which several
 * instances may share: each instance that received an item asks for the album once the window has passed since
 * that item, and the one the store gives it to hands it on in its chat's lane, so it keeps its place among that
 * chat's updates here.
 */
final class AlbumCollector {
    private static final System.Logger LOG = System.getLogger(AlbumCollector.class.getName());
    /** A store that does not answer for this many quiet windows (a minute at the default) will not soon. */
    private static final int MAX_FAILED_ASKS = 60;

    private final AlbumStore store;
    private final Duration quietWindow;
    private final ScheduledExecutorService timers;
    private final ChatLanes lanes;
    private final BiConsumer<Asker, List<PhotoRef>> onComplete;

    AlbumCollector(AlbumStore store, Duration quietWindow, ScheduledExecutorService timers, ChatLanes lanes,
                   BiConsumer<Asker, List<PhotoRef>> onComplete) {
        this.store = store;
        this.quietWindow = quietWindow;
        this.timers = timers;
        this.lanes = lanes;
        this.onComplete = onComplete;
    }

    /** {@code update}: the JSON of the update that brought the item. */
    void add(long chatId, String mediaGroupId, String update) {
        store.add(chatId, mediaGroupId, update, quietWindow);
        askAfter(chatId, mediaGroupId, quietWindow, 0);
    }

    private void askAfter(long chatId, String mediaGroupId, Duration delay, int failures) {
        // The store may be across the network: asked on a thread of its own, never on the shared timer.
        Runnable asking = () -> ask(chatId, mediaGroupId, failures);
        timers.schedule(() -> Thread.ofVirtual().name("telegram-album").start(asking), delay.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void ask(long chatId, String mediaGroupId, int failures) {
        AlbumStore.Claim claim;
        try {
            claim = store.claim(chatId, mediaGroupId);
        } catch (RuntimeException e) {
            // One line when the store stops answering and one if it never does, not one a window.
            if (failures == 0) {
                LOG.log(System.Logger.Level.WARNING, "album " + mediaGroupId + " of chat " + chatId
                        + " could not be taken; asking again every " + quietWindow.toMillis() + " ms: "
                        + e.getMessage());
            }
            if (failures + 1 < MAX_FAILED_ASKS) {
                askAfter(chatId, mediaGroupId, quietWindow, failures + 1);
            } else {
                LOG.log(System.Logger.Level.ERROR, "album " + mediaGroupId + " of chat " + chatId + " given up after "
                        + MAX_FAILED_ASKS + " failed asks: " + e.getMessage());
            }
            return;
        }
        switch (claim) {
            case AlbumStore.Claim.Taken taken -> lanes.run(chatId, () -> complete(taken.items()));
            case AlbumStore.Claim.NotYet notYet -> askAfter(chatId, mediaGroupId, notYet.left(), failures);
            case AlbumStore.Claim.Gone gone -> { }
        }
    }

    /** The items in the order the user put them: Telegram numbers an album's messages in its order. */
    private void complete(List<String> items) {
        List<Message> messages = items.stream().map(UpdateJson::read).map(update -> update.getMessage())
                .sorted(Comparator.comparing(Message::getMessageId)).toList();
        Message first = messages.getFirst();
        List<PhotoRef> photos = messages.stream().map(PhotoRef::from).flatMap(Optional::stream).toList();
        onComplete.accept(Asker.of(first.getFrom(), first.getChatId()), photos);
    }
}
