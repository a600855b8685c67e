package dev.kisscam.adapter.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.Wish;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * Kept photos in a {@link KeptPhotoStore} every instance shares, as JSON of their file ids and who sent them where.
 * Bounded per user; the store forgets a user's photos some time after the last one came, and nobody is told then
 * (no instance watches the store's expiry), unlike in {@link LocalKeptPhotos}. A batch that cannot be read back is
 * skipped and logged.
 */
final class SharedKeptPhotos implements KeptPhotos {
    private static final System.Logger LOG = System.getLogger(SharedKeptPhotos.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private record PhotoJson(String fileId, Long declaredSize, String declaredType, String wish) {
    }

    private record BatchJson(User user, long chatId, List<PhotoJson> photos) {
    }

    private final KeptPhotoStore store;
    private final String waitingFor;
    private final int perRequester;
    private final Duration keepFor;

    /** @param waitingFor the name of the list in the store, what its photos wait for */
    SharedKeptPhotos(KeptPhotoStore store, String waitingFor, TelegramConfig.PhotoKeeping limits) {
        this.store = store;
        this.waitingFor = waitingFor;
        this.perRequester = limits.perRequester();
        this.keepFor = limits.keepFor();
    }

    @Override
    public int perRequester() {
        return perRequester;
    }

    @Override
    public boolean keep(Batch batch) {
        return store.keep(waitingFor, batch.asker().requester().id().value(), write(batch), batch.photos().size(),
                perRequester, keepFor);
    }

    @Override
    public List<Batch> take(RequesterId requester) {
        return store.take(waitingFor, requester.value()).stream().map(SharedKeptPhotos::read).flatMap(Optional::stream)
                .toList();
    }

    @Override
    public Set<RequesterId> requesters() {
        return store.requesters(waitingFor).stream().map(RequesterId::new).collect(Collectors.toUnmodifiableSet());
    }

    static String write(Batch batch) {
        var photos = batch.photos().stream().map(p -> new PhotoJson(p.fileId(),
                p.declaredSize().isPresent() ? p.declaredSize().getAsLong() : null, p.declaredType(),
                p.wish().map(Wish::text).orElse(null))).toList();
        try {
            return JSON.writeValueAsString(new BatchJson(batch.asker().user(), batch.asker().chatId(), photos));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("kept photos of " + batch.asker().requester().id()
                    + " could not be written as JSON", e);
        }
    }

    static Optional<Batch> read(String json) {
        try {
            BatchJson batch = JSON.readValue(json, BatchJson.class);
            var photos = batch.photos().stream().map(p -> new PhotoRef(p.fileId(),
                    p.declaredSize() == null ? OptionalLong.empty() : OptionalLong.of(p.declaredSize()),
                    p.declaredType(), Optional.ofNullable(p.wish()).map(Wish::new))).toList();
            return Optional.of(new Batch(Asker.of(batch.user(), batch.chatId()), photos));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "kept photos that cannot be read are skipped", e);
            return Optional.empty();
        }
    }
}
