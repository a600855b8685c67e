package dev.kisscam.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Photos users sent that cannot go on yet, shared by every instance behind one round-robin webhook, so that the
 * consent button may reach another instance than the photo it lets go on. Each list ({@code waitingFor}) holds
 * each requester's batches (each an opaque text, JSON of file ids and who sent them where) in the order they came,
 * with the number of their photos beside them, and a set of the requesters who have batches there. Keeping, taking
 * and listing are each one Lua script: a batch kept while another instance takes the requester's batches is either
 * in what it took or kept for later, never lost in between, and the first instance to take them gets them. A
 * requester's batches are forgotten (by the keys' expiry, nobody told) {@code keepFor} after the last one came.
 * Made by {@link RedisAdapters#keptPhotos}.
 */
public final class RedisKeptPhotos {
    private static final String KEEP = "local had = tonumber(redis.call('GET', KEYS[2]) or '0') "
            + "if had + tonumber(ARGV[2]) > tonumber(ARGV[3]) then return 0 end "
            + "redis.call('RPUSH', KEYS[1], ARGV[1]) "
            + "redis.call('INCRBY', KEYS[2], ARGV[2]) "
            + "redis.call('SADD', KEYS[3], ARGV[5]) "
            + "for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end "
            + "return 1 ";

    private static final String TAKE = "local batches = redis.call('LRANGE', KEYS[1], 0, -1) "
            + "redis.call('DEL', KEYS[1], KEYS[2]) "
            + "redis.call('SREM', KEYS[3], ARGV[1]) "
            + "return batches ";

    // A requester whose batches expired is still in the set (its own expiry is the latest keep's): left out, and out.
    private static final String REQUESTERS = "local found = {} "
            + "for _, r in ipairs(redis.call('SMEMBERS', KEYS[1])) do "
            + "  if redis.call('EXISTS', ARGV[1] .. r .. ':batches') == 1 then table.insert(found, r) "
            + "  else redis.call('SREM', KEYS[1], r) end "
            + "end "
            + "return found ";

    private final Connection redis;

    RedisKeptPhotos(Connection redis) {
        this.redis = redis;
    }

    /**
     * Keeps a batch of {@code photos} photos after the requester's others; false, keeping nothing, when the requester
     * would then have more than {@code perRequester} there. All of them are forgotten {@code keepFor} from now.
     */
    public boolean keep(String waitingFor, String requester, String batch, int photos, int perRequester,
            Duration keepFor) {
        Boolean kept = redis.call("keeping photos of " + requester, client -> client.getScript(StringCodec.INSTANCE)
                .eval(RScript.Mode.READ_WRITE, KEEP, RScript.ReturnType.BOOLEAN, keys(waitingFor, requester),
                        batch, String.valueOf(photos), String.valueOf(perRequester),
                        String.valueOf(Math.max(1, keepFor.toMillis())), requester));
        return Boolean.TRUE.equals(kept);
    }

    /** The requester's batches in the order they came, kept no longer: no other instance gets them. */
    public List<String> take(String waitingFor, String requester) {
        List<Object> batches = redis.call("taking kept photos of " + requester, client -> client
                .getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, TAKE, RScript.ReturnType.LIST,
                        keys(waitingFor, requester), requester));
        return batches.stream().map(String::valueOf).toList();
    }

    /** The requesters who have batches kept there now. */
    public Set<String> requesters(String waitingFor) {
        List<Object> found = redis.call("listing kept photos", client -> client.getScript(StringCodec.INSTANCE).eval(
                RScript.Mode.READ_WRITE, REQUESTERS, RScript.ReturnType.LIST, List.of(index(waitingFor)),
                list(waitingFor)));
        return found.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    private List<Object> keys(String waitingFor, String requester) {
        String kept = list(waitingFor) + requester;
        return List.of(kept + ":batches", kept + ":photos", index(waitingFor));
    }

    private String list(String waitingFor) {
        return redis.key("kept:" + waitingFor + ":");
    }

    private String index(String waitingFor) {
        return redis.key("kept:" + waitingFor + ":requesters");
    }
}
