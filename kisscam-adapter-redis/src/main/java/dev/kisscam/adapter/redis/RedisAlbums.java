package dev.kisscam.adapter.redis;

import java.time.Duration;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * The albums being gathered, shared by every instance behind one round-robin webhook: the items of an album (each
 * an opaque text, Telegram's JSON of its update) collect in a list, and the album is complete once its quiet window
 * has passed since its last item, by Redis's clock, so instances whose clocks differ agree. Adding and taking are
 * each one Lua script, so an item that comes while another instance takes the album is either in what it took or
 * starts a new album, never lost in between; the first instance to ask for a complete album gets it, every other
 * finds it gone. An album nobody takes is forgotten an hour after its last item. Made by {@link RedisAdapters#albums}.
 */
public final class RedisAlbums {
    /** Long after any quiet window: only what an instance that died before taking it left behind. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);

    // Redis's TIME, in ms; scripts may read it since Redis 5 replicates their effects, not the scripts.
    private static final String NOW = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000) ";

    private static final String ADD = NOW
            + "redis.call('RPUSH', KEYS[1], ARGV[1]) "
            + "redis.call('SET', KEYS[2], now + tonumber(ARGV[2]), 'PX', ARGV[3]) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[3]) "
            + "return {} ";

    private static final String TAKE = NOW
            + "local due = redis.call('GET', KEYS[2]) "
            + "if not due then return {'gone'} end "
            + "if tonumber(due) > now then return {'later', tostring(tonumber(due) - now)} end "
            + "local items = redis.call('LRANGE', KEYS[1], 0, -1) "
            + "redis.call('DEL', KEYS[1], KEYS[2]) "
            + "table.insert(items, 1, 'taken') "
            + "return items ";

    /** What {@link #claim} found. */
    public sealed interface Claim {
        /** The complete album, its items in the order they came; no other instance gets it. */
        record Taken(List<String> items) implements Claim {
            public Taken {
                items = List.copyOf(items);
            }
        }

        /** Still open: an item came less than the quiet window ago. */
        record NotYet(Duration left) implements Claim {
        }

        /** Taken already, or never there. */
        record Gone() implements Claim {
        }
    }

    private final Connection redis;

    RedisAlbums(Connection redis) {
        this.redis = redis;
    }

    /** Adds an item; the album's quiet window starts again from now. */
    public void add(long chatId, String mediaGroupId, String item, Duration quietWindow) {
        long keep = FORGOTTEN_AFTER.plus(quietWindow).toMillis();
        redis.call("adding to album " + mediaGroupId, client -> client.getScript(StringCodec.INSTANCE).eval(
                RScript.Mode.READ_WRITE, ADD, RScript.ReturnType.LIST, keys(chatId, mediaGroupId),
                item, String.valueOf(quietWindow.toMillis()), String.valueOf(keep)));
    }

    /** Takes the album if its quiet window has passed since its last item and nobody took it before. */
    public Claim claim(long chatId, String mediaGroupId) {
        List<Object> found = redis.call("taking album " + mediaGroupId, client -> client.getScript(StringCodec.INSTANCE)
                .eval(RScript.Mode.READ_WRITE, TAKE, RScript.ReturnType.LIST, keys(chatId, mediaGroupId)));
        return switch (String.valueOf(found.getFirst())) {
            case "taken" -> new Claim.Taken(found.subList(1, found.size()).stream().map(String::valueOf).toList());
            case "later" -> new Claim.NotYet(Duration.ofMillis(Long.parseLong(String.valueOf(found.get(1)))));
            default -> new Claim.Gone();
        };
    }

    private List<Object> keys(long chatId, String mediaGroupId) {
        String album = redis.key("album:" + chatId + ":" + mediaGroupId);
        return List.of(album + ":items", album + ":complete-at");
    }
}
