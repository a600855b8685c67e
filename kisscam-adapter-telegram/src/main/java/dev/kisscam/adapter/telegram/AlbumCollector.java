package dev.kisscam.adapter.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Telegram sends each item of an album as its own update with a shared {@code media_group_id}; an album is
 * complete when no item has come for a quiet window. The complete album is handed on in its chat's lane, so
 * it keeps its place among that chat's updates.
 */
final class AlbumCollector {
    private record Key(long chatId, String mediaGroupId) {
    }

    private static final class Album {
        final Asker asker;
        final List<PhotoRef> items = new ArrayList<>();
        ScheduledFuture<?> completion;

        Album(Asker asker) {
            this.asker = asker;
        }
    }

    private final Duration quietWindow;
    private final ScheduledExecutorService timers;
    private final ChatLanes lanes;
    private final BiConsumer<Asker, List<PhotoRef>> onComplete;
    private final Map<Key, Album> albums = new ConcurrentHashMap<>();

    AlbumCollector(Duration quietWindow, ScheduledExecutorService timers, ChatLanes lanes,
                   BiConsumer<Asker, List<PhotoRef>> onComplete) {
        this.quietWindow = quietWindow;
        this.timers = timers;
        this.lanes = lanes;
        this.onComplete = onComplete;
    }

    void add(Asker asker, String mediaGroupId, PhotoRef item) {
        var key = new Key(asker.chatId(), mediaGroupId);
        albums.compute(key, (k, album) -> {
            Album current = album == null ? new Album(asker) : album;
            current.items.add(item);
            if (current.completion != null) {
                current.completion.cancel(false);
            }
            current.completion = timers.schedule(() -> lanes.run(k.chatId(), () -> complete(k)),
                    quietWindow.toNanos(), TimeUnit.NANOSECONDS);
            return current;
        });
    }

    private void complete(Key key) {
        Album album = albums.remove(key);
        if (album != null) {
            onComplete.accept(album.asker, List.copyOf(album.items));
        }
    }
}
