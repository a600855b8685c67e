package dev.kisscam.adapter.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.kisscam.core.domain.RequesterId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kept photos in this process's memory: bounded per user and for all users together, and dropped some time after
 * a user's last one came; a user whose photos are dropped is told so, in the chat they were sent in, never left
 * waiting for nothing.
 */
final class LocalKeptPhotos implements KeptPhotos {

    private final int perRequester;
    private final StatusBoard board;
    private final String expiredKey;
    private final Cache<RequesterId, List<Batch>> kept;

    /**
     * @param expiredKey the text that tells a user their photos waited too long and were dropped
     */
    LocalKeptPhotos(TelegramConfig.PhotoKeeping limits, StatusBoard board, String expiredKey) {
        this.perRequester = limits.perRequester();
        this.board = board;
        this.expiredKey = expiredKey;
        this.kept = Caffeine.newBuilder()
                .expireAfterWrite(limits.keepFor())
                .maximumWeight(limits.inAll())
                .weigher((RequesterId id, List<Batch> batches) -> count(batches))
                // Expiry is noticed on time, not at the next use of the cache: the user hears of it then.
                .scheduler(Scheduler.systemScheduler())
                .removalListener((RequesterId id, List<Batch> batches, RemovalCause cause) -> dropped(batches, cause))
                .build();
    }

    @Override
    public int perRequester() {
        return perRequester;
    }

    @Override
    public boolean keep(Batch batch) {
        RequesterId id = batch.asker().requester().id();
        var added = new boolean[1];
        kept.asMap().compute(id, (k, batches) -> {
            List<Batch> before = batches == null ? List.of() : batches;
            if (count(before) + batch.photos().size() > perRequester) {
                return batches;
            }
            added[0] = true;
            var after = new ArrayList<>(before);
            after.add(batch);
            return List.copyOf(after);
        });
        return added[0];
    }

    @Override
    public List<Batch> take(RequesterId requester) {
        List<Batch> batches = kept.asMap().remove(requester);
        return batches == null ? List.of() : batches;
    }

    @Override
    public Set<RequesterId> requesters() {
        return Set.copyOf(kept.asMap().keySet());
    }

    private void dropped(List<Batch> batches, RemovalCause cause) {
        if (batches == null) {
            return;
        }
        String key = switch (cause) {
            case EXPIRED -> expiredKey;
            case SIZE, COLLECTED -> "kept.evicted";
            case EXPLICIT, REPLACED -> null;
        };
        if (key != null) {
            oneAskerPerChat(batches).forEach(asker -> board.notice(asker.chatId(), Screen.of(asker.text(key))));
        }
    }

    private static List<Asker> oneAskerPerChat(List<Batch> batches) {
        Map<Long, Asker> byChat = new LinkedHashMap<>();
        batches.forEach(b -> byChat.putIfAbsent(b.asker().chatId(), b.asker()));
        return List.copyOf(byChat.values());
    }

    private static int count(List<Batch> batches) {
        return batches.stream().mapToInt(b -> b.photos().size()).sum();
    }
}
