package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MediaStore} must do. Extend it and return a fresh, empty store. */
public abstract class MediaStoreContract {

    protected MediaStore store;

    protected abstract MediaStore newStore() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    @Test
    void what_is_put_can_be_read_back_with_its_size() throws IOException {
        byte[] photo = TestImages.jpeg(320, 240, 1);

        MediaStore.StoredMedia stored = store.put(MediaKind.PHOTO, new ByteArrayInputStream(photo));

        assertThat(stored.sizeBytes()).isEqualTo(photo.length);
        assertThat(store.size(stored.key())).isEqualTo(photo.length);
        try (InputStream in = store.open(stored.key())) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
    }

    @Test
    void every_put_gets_a_new_key() {
        var keys = new HashSet<MediaKey>();
        for (int i = 0; i < 20; i++) {
            keys.add(store.put(MediaKind.VIDEO, new ByteArrayInputStream(new byte[] {1, 2, 3})).key());
        }
        assertThat(keys).hasSize(20);
    }

    @Test
    void an_empty_blob_is_stored_as_empty() throws IOException {
        var stored = store.put(MediaKind.PHOTO, InputStream.nullInputStream());
        assertThat(stored.sizeBytes()).isZero();
        try (InputStream in = store.open(stored.key())) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void deleted_media_is_gone_and_deleting_twice_is_fine() {
        var stored = store.put(MediaKind.PHOTO, new ByteArrayInputStream(new byte[] {9}));

        store.delete(stored.key());
        store.delete(stored.key());

        assertThatThrownBy(() -> store.open(stored.key())).isInstanceOf(MediaStoreException.NotFound.class);
        assertThatThrownBy(() -> store.size(stored.key())).isInstanceOf(MediaStoreException.NotFound.class);
    }

    @Test
    void an_unknown_key_is_not_found() {
        var unknown = new MediaKey("photo-never-stored");
        assertThatThrownBy(() -> store.open(unknown))
                .isInstanceOf(MediaStoreException.NotFound.class)
                .extracting(e -> ((MediaStoreException.NotFound) e).key()).isEqualTo(unknown);
    }

    @Test
    void a_content_that_fails_part_way_is_reported_with_its_cause_and_leaves_nothing_readable() throws Exception {
        var failure = new IOException("the sender went away");
        InputStream breaking = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 100_000) {
                    throw failure;
                }
                return 7;
            }
        };

        assertThatThrownBy(() -> store.put(MediaKind.PHOTO, breaking))
                .isInstanceOf(MediaStoreException.class)
                .hasRootCauseMessage("the sender went away");
        assertThat(leftoversAfterFailedPut()).isZero();
    }

    /** How many blobs or partial files the store holds; a failed put must not add any. */
    protected abstract long leftoversAfterFailedPut() throws Exception;

    @Test
    void several_megabytes_stream_through_unchanged() throws Exception {
        int size = 8 * 1024 * 1024 + 17;
        var stored = store.put(MediaKind.VIDEO, new SeededStream(size, 42));

        assertThat(stored.sizeBytes()).isEqualTo(size);
        try (InputStream in = store.open(stored.key())) {
            assertThat(sha256(in)).isEqualTo(sha256(new SeededStream(size, 42)));
        }
    }

    @Test
    void concurrent_writers_do_not_mix_their_content() throws Exception {
        List<Future<MediaStore.StoredMedia>> futures = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                int seed = i;
                futures.add(executor.submit(() -> store.put(MediaKind.PHOTO, new SeededStream(200_000, seed))));
            }
        }
        for (int i = 0; i < futures.size(); i++) {
            try (InputStream in = store.open(futures.get(i).get().key())) {
                assertThat(sha256(in)).isEqualTo(sha256(new SeededStream(200_000, i)));
            }
        }
    }

    protected static byte[] sha256(InputStream in) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    /** A deterministic stream of pseudo-random bytes that never sits whole in memory. */
    public static final class SeededStream extends InputStream {
        private final Random random;
        private long left;

        public SeededStream(long size, long seed) {
            this.left = size;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) random.nextInt(256);
            }
            left -= n;
            return n;
        }
    }
}
