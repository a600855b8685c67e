package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.PhotoSet;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.EarlierVideos;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EarlierVideos} must do: find what is kept until its time passes, tell apart requesters
 * and photo sets, give back a video's photos as the job had them, and hand back every key it lets go of, so
 * nothing is left behind in the media store.
 */
public abstract class EarlierVideosContract {

    protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    protected static final Duration HOUR = Duration.ofHours(1);

    /** A store with room for {@code capacity} videos. */
    protected abstract EarlierVideos withRoomFor(int capacity) throws Exception;

    protected static PhotoSet photos(String requester, String... contents) {
        return new PhotoSet(new RequesterId(requester), List.of(contents).stream()
                .map(c -> TestImages.digestOf(c.getBytes(StandardCharsets.UTF_8))).toList());
    }

    /** A video and one photo, named after {@code name}, the photo with a person box and a digest. */
    protected static EarlierVideos.Kept kept(String name) {
        var photo = new JobPhoto(new Photo(new MediaKey("photo-" + name), ImageFormat.JPEG, new Dimensions(640, 480),
                1234, TestImages.digestOf(name.getBytes(StandardCharsets.UTF_8))), List.of(new PersonBox(0.1, 0.1, 0.5, 0.8)));
        return new EarlierVideos.Kept(new MediaKey("video-" + name), List.of(photo));
    }

    @Test
    void what_is_kept_is_found_for_the_same_photos_in_any_order_until_its_time_passes() throws Exception {
        EarlierVideos videos = withRoomFor(10);
        var one = kept("1");
        videos.keep(photos("test:1", "a", "b"), one, T0.plus(HOUR));

        assertThat(videos.find(photos("test:1", "b", "a"), T0.plusSeconds(10))).contains(one);
        assertThat(videos.find(photos("test:1", "a", "b"), T0.plus(HOUR))).isEmpty();
    }

    @Test
    void another_requester_or_other_photos_find_nothing() throws Exception {
        EarlierVideos videos = withRoomFor(10);
        videos.keep(photos("test:1", "a"), kept("1"), T0.plus(HOUR));

        assertThat(videos.find(photos("test:2", "a"), T0)).isEmpty();
        assertThat(videos.find(photos("test:1", "b"), T0)).isEmpty();
        assertThat(videos.find(photos("test:1", "a", "b"), T0)).isEmpty();
    }

    @Test
    void a_kept_video_and_its_photos_are_known_as_kept_until_they_are_released() throws Exception {
        EarlierVideos videos = withRoomFor(10);
        var one = kept("1");
        videos.keep(photos("test:1", "a"), one, T0.plus(HOUR));

        assertThat(videos.keeps(one.video())).isTrue();
        assertThat(videos.keeps(new MediaKey("photo-1"))).isTrue();
        assertThat(videos.keeps(new MediaKey("video-2"))).isFalse();
        assertThat(videos.keeps(one.video())).as("expired but not yet released: still kept").isTrue();
        assertThat(videos.release(T0.plus(HOUR))).containsExactlyInAnyOrderElementsOf(one.keys());
        assertThat(videos.keeps(one.video())).isFalse();
    }

    @Test
    void expired_keys_are_released_once_and_the_rest_stay() throws Exception {
        EarlierVideos videos = withRoomFor(10);
        videos.keep(photos("test:1", "a"), kept("1"), T0.plusSeconds(60));
        videos.keep(photos("test:1", "b"), kept("2"), T0.plus(HOUR));

        assertThat(videos.release(T0.plusSeconds(60))).containsExactlyInAnyOrderElementsOf(kept("1").keys());
        assertThat(videos.release(T0.plusSeconds(61))).isEmpty();
        assertThat(videos.find(photos("test:1", "b"), T0.plusSeconds(61))).contains(kept("2"));
    }

    @Test
    void every_key_let_go_is_handed_back_when_it_is_replaced_or_pushed_out() throws Exception {
        EarlierVideos videos = withRoomFor(2);
        var released = new ArrayList<MediaKey>();
        released.addAll(videos.keep(photos("test:1", "a"), kept("1"), T0.plus(HOUR)));
        released.addAll(videos.keep(photos("test:1", "a"), kept("2"), T0.plus(HOUR)));
        released.addAll(videos.keep(photos("test:2", "a"), kept("3"), T0.plus(HOUR)));
        released.addAll(videos.keep(photos("test:3", "a"), kept("4"), T0.plus(HOUR)));
        released.addAll(videos.release(T0.plus(HOUR)));

        var all = new ArrayList<MediaKey>();
        for (String name : List.of("1", "2", "3", "4")) {
            all.addAll(kept(name).keys());
        }
        assertThat(released).containsExactlyInAnyOrderElementsOf(all);
    }
}
