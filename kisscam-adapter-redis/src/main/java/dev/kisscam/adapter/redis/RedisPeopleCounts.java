package dev.kisscam.adapter.redis;

import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.PhotoDigest;
import dev.kisscam.core.domain.Spend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * People counts every instance shares, by the photo's digest, each forgotten {@code window} after it was
 * counted (a key per digest with Redis's own expiry). A photo counted on one instance is not paid for again on
 * another. Stored as plain text, not as serialized Java objects, so nothing in Redis can make this process build
 * arbitrary classes. Made by {@link RedisAdapters#peopleCounts}.
 */
public final class RedisPeopleCounts {
    private final Connection redis;
    private final Duration window;

    RedisPeopleCounts(Connection redis, Duration window) {
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("people counts are remembered for a positive window");
        }
        this.redis = redis;
        this.window = window;
    }

    /** The count taken within the window for a photo with these bytes, if any; an unreadable entry is none. */
    public Optional<PeopleCount> find(PhotoDigest digest) {
        String text = redis.call("reading a people count", client -> client.<String>getBucket(key(digest)).get());
        return Optional.ofNullable(text).flatMap(RedisPeopleCounts::parse);
    }

    public void remember(PhotoDigest digest, PeopleCount count) {
        redis.call("keeping a people count", client -> {
            client.<String>getBucket(key(digest)).set(format(count), window);
            return null;
        });
    }

    private String key(PhotoDigest digest) {
        return redis.key("people:" + digest.sha256());
    }

    /** {@code people|underage|ticks|left,top,width,height;...|model}: the model last, so it may hold anything. */
    static String format(PeopleCount count) {
        var boxes = new ArrayList<String>();
        for (PersonBox box : count.boxes()) {
            boxes.add(box.left() + "," + box.top() + "," + box.width() + "," + box.height());
        }
        return count.people() + "|" + count.anyoneLooksUnderage() + "|" + count.spend().usdTicks() + "|"
                + String.join(";", boxes) + "|" + count.spend().model();
    }

    static Optional<PeopleCount> parse(String text) {
        String[] parts = text.split("\\|", 5);
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            var boxes = new ArrayList<PersonBox>();
            for (String box : parts[3].isEmpty() ? new String[0] : parts[3].split(";")) {
                String[] at = box.split(",");
                if (at.length != 4) {
                    return Optional.empty();
                }
                boxes.add(new PersonBox(Double.parseDouble(at[0]), Double.parseDouble(at[1]),
                        Double.parseDouble(at[2]), Double.parseDouble(at[3])));
            }
            if (!"true".equals(parts[1]) && !"false".equals(parts[1])) {
                return Optional.empty();
            }
            return Optional.of(new PeopleCount(Integer.parseInt(parts[0]), Boolean.parseBoolean(parts[1]),
                    List.copyOf(boxes), new Spend(parts[4], Long.parseLong(parts[2]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
