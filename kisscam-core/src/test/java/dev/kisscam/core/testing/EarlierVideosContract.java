package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.MediaKey;
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
 * What every {@link EarlierVideos} must do: find a kept video until its time passes, tell apart requesters
 * and photo sets, and hand back every video it lets go of, so none is left behind in the media store.
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

    @Test
    void a_kept_video_is_found_for_the_same_photos_in_any_order_until_its_time_passes() throws Exception {
        EarlierVideos videos = withRoomFor(10);
        var video = new MediaKey("video-1");
        videos.keep(photos("test:1", "a", "b"), video, T0.plus(HOUR));

        assertThat(videos.find(photos("test:1", "b", "a"), T0.plusSeconds(10))).contains(video);
        assertThat(videos.find(photos("test:1", "a", "b"), T0.plus(HOUR))).isEmpty();
    }

    @Test
    void another_requester_or_other_photos_find_nothing() throws Exception {
        EarlierVideos videos = withRoomFor(10);
        videos.keep(photos("test:1", "a"), new MediaKey("video-1"), T0.plus(HOUR));

        assertThat(videos.find(photos("test:2", "a"), T0)).isEmpty();
        assertThat(videos.find(photos("test:1", "b"), T0)).isEmpty();
        assertThat(videos.find(photos("test:1", "a", "b"), T0)).isEmpty();
    }

    @Test
    void a_kept_video_is_known_as_kept_until_it_is_released() throws Exception {
        EarlierVideos videos = withRoomFor(10);
        var video = new MediaKey("video-1");
        videos.keep(photos("test:1", "a"), video, T0.plus(HOUR));

        assertThat(videos.keeps(video)).isTrue();
        assertThat(videos.keeps(new MediaKey("video-2"))).isFalse();
        assertThat(videos.keeps(video)).as("expired but not yet released: still kept").isTrue();
        videos.release(T0.plus(HOUR));
        assertThat(videos.keeps(video)).isFalse();
    }

    @Test
    void expired_videos_are_released_once_and_the_rest_stay() throws Exception {
        EarlierVideos videos = withRoomFor(10);
        videos.keep(photos("test:1", "a"), new MediaKey("video-1"), T0.plusSeconds(60));
        videos.keep(photos("test:1", "b"), new MediaKey("video-2"), T0.plus(HOUR));

        assertThat(videos.release(T0.plusSeconds(60))).containsExactly(new MediaKey("video-1"));
        assertThat(videos.release(T0.plusSeconds(61))).isEmpty();
        assertThat(videos.find(photos("test:1", "b"), T0.plusSeconds(61))).contains(new MediaKey("video-2"));
    }

    @Test
    void every_video_let_go_is_handed_back_when_it_is_replaced_or_pushed_out() throws Exception {
        EarlierVideos videos = withRoomFor(2);
        var released = new ArrayList<MediaKey>();
        released.addAll(videos.keep(photos("test:1", "a"), new MediaKey("video-1"), T0.plus(HOUR)));
        released.addAll(videos.keep(photos("test:1", "a"), new MediaKey("video-2"), T0.plus(HOUR)));
        released.addAll(videos.keep(photos("test:2", "a"), new MediaKey("video-3"), T0.plus(HOUR)));
        released.addAll(videos.keep(photos("test:3", "a"), new MediaKey("video-4"), T0.plus(HOUR)));
        released.addAll(videos.release(T0.plus(HOUR)));

        assertThat(released).containsExactlyInAnyOrder(new MediaKey("video-1"), new MediaKey("video-2"),
                new MediaKey("video-3"), new MediaKey("video-4"));
    }
}
