package dev.kisscam.adapter.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the items of an album gather until it is complete: Telegram sends each item as its own update with a
 * shared {@code media_group_id}, and the album is complete once no item has come for its quiet window. Behind a
 * round-robin webhook the items of one album reach different instances, so the store is shared by them all; on
 * one machine it lives in this process ({@link #inProcess()}). Items are Telegram's JSON of their updates.
 */
public interface AlbumStore {
    /** Adds an item to its album; the album's quiet window starts again from now. */
    void add(long chatId, String mediaGroupId, String item, Duration quietWindow);

    /**
     * Takes the album if its quiet window has passed since its last item: the first caller, on any instance, gets
     * its items and later callers {@link Claim.Gone}. Before that, how long is left.
     */
    Claim claim(long chatId, String mediaGroupId);

    /** What {@link #claim} found. */
    sealed interface Claim {
        /** The complete album, in the order its items came; nobody else gets it. */
        record Taken(List<String> items) implements Claim {
            public Taken {
                items = List.copyOf(items);
            }
        }

        /** Still open: an item came less than its quiet window ago. */
        record NotYet(Duration left) implements Claim {
        }

        /** Taken already, or never there. */
        record Gone() implements Claim {
        }
    }

    /** Albums in this process's memory: for one instance, or for instances that live in one process (tests). */
    static AlbumStore inProcess() {
        return new AlbumStore() {
            private record Key(long chatId, String mediaGroupId) {
            }

            private record Album(List<String> items, long completeAt) {
            }

            private final Map<Key, Album> albums = new ConcurrentHashMap<>();

            @Override
            public void add(long chatId, String mediaGroupId, String item, Duration quietWindow) {
                long completeAt = System.nanoTime() + quietWindow.toNanos();
                albums.compute(new Key(chatId, mediaGroupId), (key, album) -> {
                    List<String> items = album == null ? new ArrayList<>() : album.items();
                    items.add(item);
                    return new Album(items, completeAt);
                });
            }

            @Override
            public Claim claim(long chatId, String mediaGroupId) {
                var found = new Claim[] {new Claim.Gone()};
                albums.computeIfPresent(new Key(chatId, mediaGroupId), (key, album) -> {
                    long left = album.completeAt() - System.nanoTime();
                    if (left > 0) {
                        found[0] = new Claim.NotYet(Duration.ofNanos(left));
                        return album;
                    }
                    found[0] = new Claim.Taken(album.items());
                    return null;
                });
                return found[0];
            }
        };
    }
}
