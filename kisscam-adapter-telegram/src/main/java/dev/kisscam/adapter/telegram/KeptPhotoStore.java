package dev.kisscam.adapter.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Where photos that cannot go on yet are kept when several instances share them: behind a round-robin webhook the
 * consent button may reach another instance than the photo it lets go on. Each list ({@code waitingFor}: what its
 * photos wait for) holds each requester's batches in the order they came; a batch is an opaque text (JSON of the
 * file ids and who sent them where). Without such a store each instance keeps its own in memory.
 */
public interface KeptPhotoStore {
    /**
     * Keeps a batch of {@code photos} photos after the requester's others; false, keeping nothing, when the
     * requester would then have more than {@code perRequester} photos there. All the requester's batches there are
     * forgotten {@code keepFor} after the last one came.
     */
    boolean keep(String waitingFor, String requester, String batch, int photos, int perRequester, Duration keepFor);

    /** The requester's batches in the order they came, kept no longer: the first caller, on any instance, gets them. */
    List<String> take(String waitingFor, String requester);

    /** The requesters who have batches kept there now. */
    Set<String> requesters(String waitingFor);

    /**
     * Batches in this process's memory, bounded per requester and forgotten on time as a shared store's are: for
     * instances that live in one process (tests), or while a shared store does not answer.
     */
    static KeptPhotoStore inProcess() {
        return new KeptPhotoStore() {
            private record Key(String waitingFor, String requester) {
            }

            private record Kept(List<String> batches, int photos, long forgottenAt) {
            }

            private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

            @Override
            public boolean keep(String waitingFor, String requester, String batch, int photos, int perRequester,
                    Duration keepFor) {
                long now = System.nanoTime();
                var added = new boolean[1];
                kept.compute(new Key(waitingFor, requester), (key, before) -> {
                    Kept live = before == null || before.forgottenAt() - now <= 0 ? null : before;
                    int had = live == null ? 0 : live.photos();
                    if (had + photos > perRequester) {
                        return live;
                    }
                    added[0] = true;
                    var batches = live == null ? new ArrayList<String>() : new ArrayList<>(live.batches());
                    batches.add(batch);
                    return new Kept(List.copyOf(batches), had + photos, now + keepFor.toNanos());
                });
                return added[0];
            }

            @Override
            public List<String> take(String waitingFor, String requester) {
                Kept taken = kept.remove(new Key(waitingFor, requester));
                return taken == null || taken.forgottenAt() - System.nanoTime() <= 0 ? List.of() : taken.batches();
            }

            @Override
            public Set<String> requesters(String waitingFor) {
                long now = System.nanoTime();
                kept.values().removeIf(k -> k.forgottenAt() - now <= 0);
                return kept.keySet().stream().filter(k -> k.waitingFor().equals(waitingFor)).map(Key::requester)
                        .collect(Collectors.toUnmodifiableSet());
            }
        };
    }
}
