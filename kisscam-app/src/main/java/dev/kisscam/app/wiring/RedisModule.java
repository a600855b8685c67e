package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoOptional;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.kisscam.adapter.grok.Pace;
import dev.kisscam.adapter.redis.RedisAdapters;
import dev.kisscam.adapter.redis.RedisAlbums;
import dev.kisscam.adapter.redis.RedisChatQueues;
import dev.kisscam.adapter.redis.Outage;
import dev.kisscam.adapter.redis.RedisConfig;
import dev.kisscam.adapter.redis.RedisKeptPhotos;
import dev.kisscam.adapter.redis.RedisLeadership;
import dev.kisscam.adapter.redis.RedisPeopleCounts;
import dev.kisscam.adapter.redis.RedisRate;
import dev.kisscam.adapter.redis.RedisUnavailable;
import dev.kisscam.adapter.telegram.AlbumStore;
import dev.kisscam.adapter.telegram.ChatOrder;
import dev.kisscam.adapter.telegram.KeptPhotoStore;
import dev.kisscam.app.bot.Leadership;
import dev.kisscam.app.http.HealthCheck;
import dev.kisscam.app.provider.RememberedCounts;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.PhotoDigest;
import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.service.KisscamSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Several instances sharing one Redis: the generation slots (MAX_CONCURRENT_GENERATIONS for all of them together),
 * xAI's pace (GROK_REQUESTS_PER_SECOND and GROK_SUBMITS_PER_SECOND for the account, not per instance), the lead of
 * the one instance that polls Telegram, the people counts by photo digest, and behind one webhook each chat's order
 * of updates, the albums being gathered and the photos kept until they may go on. The client connects on first use and is closed at stop, after the lead
 * is given up.
 *
 * <p>A pace or a count Redis cannot answer falls back to this process: its own pace, no remembered count; an update
 * or an album item Redis does not take is handled in this process's order and albums, a photo to keep it does not
 * take is kept in this process. Slots and the lead do not: a slot not taken is a job that waits, and a lead not confirmed is given up.
 */
final class RedisModule extends AbstractModule {
    static final String POLLING_LEAD = "telegram-polling";
    /** A health probe waits no longer than this for Redis. */
    static final Duration HEALTH_ANSWER = Duration.ofSeconds(2);

    private final RedisConfig config;

    RedisModule(RedisConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    RedisAdapters redis(Closeables closeables) {
        return closeables.register(RedisAdapters.create(config));
    }

    /** Down while Redis does not answer: then no generation starts, on this instance or any other. */
    @ProvidesIntoSet
    @Singleton
    HealthCheck redisHealth(RedisAdapters redis) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "redis";
            }

            @Override
            public Status check() {
                try {
                    redis.ping(HEALTH_ANSWER);
                    return Status.up(Map.of("server", redis.config().describe()));
                } catch (RedisUnavailable e) {
                    return Status.down(e.getMessage());
                }
            }
        };
    }

    @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
    @Singleton
    GenerationSlots generationSlots(RedisAdapters redis, KisscamSettings settings) {
        return redis.generationSlots(settings.maxConcurrentGenerations());
    }

    @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
    @Singleton
    Pace.Source paces(RedisAdapters redis) {
        return (name, permits, period, maxWait) -> {
            RedisRate shared = redis.rate(name, permits, period);
            Pace local = Pace.Source.LOCAL.of(name, permits, period, maxWait);
            var outage = new Outage("pacing " + name + " in this process");
            return () -> outage.answer(() -> shared.acquire(maxWait), local::acquire);
        };
    }

    @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
    @Singleton
    RememberedCounts peopleCounts(RedisAdapters redis, KisscamSettings settings) {
        RedisPeopleCounts counts = redis.peopleCounts(settings.repeatWindow());
        var outage = new Outage("asking the provider for every photo, remembering no count");
        return new RememberedCounts() {
            @Override
            public Optional<PeopleCount> find(PhotoDigest digest) {
                return outage.answer(() -> counts.find(digest), Optional::empty);
            }

            @Override
            public void remember(PhotoDigest digest, PeopleCount count) {
                outage.run(() -> counts.remember(digest, count), () -> { });
            }
        };
    }

    @Provides
    @Singleton
    Leadership leadership(RedisAdapters redis, Closeables closeables) {
        RedisLeadership lead = closeables.register(redis.leadership(POLLING_LEAD));
        return new Leadership() {
            @Override
            public void campaign(Runnable onElected, Runnable onDeposed) {
                lead.campaign(onElected, onDeposed);
            }

            @Override
            public void close() {
                lead.close();
            }
        };
    }

    /** Updates Redis does not take are handled where they arrived, in this process's order of the chat. */
    @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
    @Singleton
    ChatOrder chatOrder(RedisAdapters redis, Closeables closeables) {
        return handler -> {
            RedisChatQueues queues = closeables.register(redis.chatQueues(handler::handle));
            var outage = new Outage("handling each update where it arrives, in this instance's order");
            return new ChatOrder.Queue() {
                @Override
                public void offer(long chatId, long updateId, String update) {
                    outage.run(() -> queues.offer(chatId, updateId, update), () -> handler.handle(chatId, update));
                }

                @Override
                public void close() {
                    queues.close();
                }
            };
        };
    }

    /** Album items Redis does not take gather in this process, and are looked for here too. */
    @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
    @Singleton
    AlbumStore albums(RedisAdapters redis) {
        RedisAlbums shared = redis.albums();
        AlbumStore local = AlbumStore.inProcess();
        var outage = new Outage("gathering albums in this instance");
        return new AlbumStore() {
            @Override
            public void add(long chatId, String mediaGroupId, String item, Duration quietWindow) {
                outage.run(() -> shared.add(chatId, mediaGroupId, item, quietWindow),
                        () -> local.add(chatId, mediaGroupId, item, quietWindow));
            }

            @Override
            public Claim claim(long chatId, String mediaGroupId) {
                Claim here = local.claim(chatId, mediaGroupId);
                if (!(here instanceof Claim.Gone)) {
                    return here;
                }
                return switch (shared.claim(chatId, mediaGroupId)) {
                    case RedisAlbums.Claim.Taken taken -> new Claim.Taken(taken.items());
                    case RedisAlbums.Claim.NotYet notYet -> new Claim.NotYet(notYet.left());
                    case RedisAlbums.Claim.Gone gone -> new Claim.Gone();
                };
            }
        };
    }

    /** Photos to keep that Redis does not take are kept in this process, and are looked for here too. */
    @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
    @Singleton
    KeptPhotoStore keptPhotos(RedisAdapters redis) {
        RedisKeptPhotos shared = redis.keptPhotos();
        KeptPhotoStore local = KeptPhotoStore.inProcess();
        var outage = new Outage("keeping photos in this instance");
        return new KeptPhotoStore() {
            @Override
            public boolean keep(String waitingFor, String requester, String batch, int photos, int perRequester,
                    Duration keepFor) {
                return outage.answer(() -> shared.keep(waitingFor, requester, batch, photos, perRequester, keepFor),
                        () -> local.keep(waitingFor, requester, batch, photos, perRequester, keepFor));
            }

            @Override
            public List<String> take(String waitingFor, String requester) {
                List<String> here = local.take(waitingFor, requester);
                List<String> there = outage.answer(() -> shared.take(waitingFor, requester), List::of);
                return Stream.concat(here.stream(), there.stream()).toList();
            }

            @Override
            public Set<String> requesters(String waitingFor) {
                Set<String> found = new HashSet<>(local.requesters(waitingFor));
                found.addAll(outage.answer(() -> shared.requesters(waitingFor), Set::of));
                return Set.copyOf(found);
            }
        };
    }
}
