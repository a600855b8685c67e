package dev.kisscam.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.testing.MediaStoreContract;
import dev.kisscam.core.testing.MutableClock;
import io.minio.BucketExistsArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The S3 store against S3Proxy, in this JVM on 127.0.0.1, with an in-memory blob store. */
class S3MediaStoreTest extends MediaStoreContract implements InterruptProofPutContract, SweepKeepsMediaInUseContract {

    private static final String ACCESS_KEY = "kisscam-test-access";
    private static final String SECRET_KEY = "kisscam-test-secret-key";
    private static final String BUCKET = "kisscam-test";

    private static S3Proxy proxy;
    private static String endpoint;
    private static MinioAsyncClient inspector;

    private S3StorageConfig config;
    private S3MediaStore s3;
    private final List<S3MediaStore> reopened = new ArrayList<>();

    @BeforeAll
    static void startS3Proxy() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        assertThat(proxy.getState()).isEqualTo("STARTED");
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        inspector = MinioAsyncClient.builder().endpoint(endpoint).credentials(ACCESS_KEY, SECRET_KEY)
                .region("us-east-1").build();
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        inspector.close();
        proxy.stop();
    }

    /** A fresh prefix per test in one shared bucket; parts of the minimum size so 8 MB is a multipart upload. */
    @Override
    protected MediaStore newStore() {
        config = S3StorageConfig.of(endpoint, BUCKET, ACCESS_KEY, SECRET_KEY, "us-east-1")
                .withPrefix("test-" + UUID.randomUUID() + "/media")
                .withPartSizeBytes(S3StorageConfig.MIN_PART_SIZE_BYTES);
        s3 = S3MediaStore.connect(config);
        return s3;
    }

    @AfterEach
    void closeStore() {
        s3.close();
        reopened.forEach(S3MediaStore::close);
    }

    @Override
    public MediaStore storeUnderTest() {
        return store;
    }

    @Override
    public MediaSweeper sweeper(Duration ttl, Clock clock, Predicate<MediaKey> inUse) {
        return MediaSweeper.of(s3, ttl, clock, inUse);
    }

    @Override
    public MediaStore reopenedStore() {
        var again = S3MediaStore.connect(config);
        reopened.add(again);
        return again;
    }

    @Override
    protected long leftoversAfterFailedPut() throws Exception {
        return objectsUnder(config.prefix()).size() + uploadsUnder(config.prefix());
    }

    @Test
    void media_lives_under_the_prefix_with_the_kinds_content_type() throws Exception {
        var stored = store.put(MediaKind.VIDEO, new ByteArrayInputStream(new byte[] {1, 2, 3}));

        assertThat(config.prefix()).endsWith("/media/");
        var stat = inspector.statObject(StatObjectArgs.builder().bucket(BUCKET).object(config.prefix() + stored.key()).build())
                .join();
        assertThat(stat.size()).isEqualTo(3);
        assertThat(stat.contentType()).isEqualTo("video/mp4");
    }

    @Test
    void a_content_that_fails_after_the_first_part_aborts_the_multipart_upload() throws Exception {
        var failure = new IOException("the sender went away after six megabytes");
        InputStream sixMegabytesThenFailure = new SequenceInputStream(new SeededStream(6L << 20, 1), new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        });

        assertThatThrownBy(() -> store.put(MediaKind.VIDEO, sixMegabytesThenFailure))
                .isInstanceOf(MediaStoreException.class)
                .hasMessageContaining("s3://" + BUCKET + "/" + config.prefix())
                .rootCause().isSameAs(failure);
        assertThat(objectsUnder(config.prefix())).isEmpty();
        assertThat(uploadsUnder(config.prefix())).isZero();
    }

    @Test
    void a_missing_bucket_is_created_at_connect() {
        String bucket = "kisscam-created-" + UUID.randomUUID().toString().substring(0, 8);

        try (var created = S3MediaStore.connect(S3StorageConfig.of(endpoint, bucket, ACCESS_KEY, SECRET_KEY, "us-east-1"))) {
            assertThat(inspector.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()).join()).isTrue();
            var stored = created.put(MediaKind.PHOTO, new ByteArrayInputStream(new byte[] {7}));
            assertThat(created.size(stored.key())).isOne();
        }
    }

    @Test
    void refused_credentials_are_reported_naming_the_bucket_and_endpoint() {
        var wrong = S3StorageConfig.of(endpoint, BUCKET, ACCESS_KEY, "not-the-secret", "us-east-1");

        assertThatThrownBy(() -> S3MediaStore.connect(wrong))
                .isInstanceOf(MediaStoreException.class)
                .hasMessageContaining(BUCKET)
                .hasMessageContaining(endpoint)
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    @Timeout(60)
    void an_unreachable_endpoint_is_reported_naming_it() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> S3MediaStore.connect(S3StorageConfig.of(nowhere, BUCKET, ACCESS_KEY, SECRET_KEY, "us-east-1")))
                .isInstanceOf(MediaStoreException.class)
                .hasMessageContaining(nowhere)
                .hasMessageContaining(BUCKET);
    }

    @Test
    void the_sweeper_deletes_objects_and_abandoned_uploads_older_than_the_ttl_and_nothing_outside_the_prefix() throws Exception {
        var photo = store.put(MediaKind.PHOTO, new ByteArrayInputStream(new byte[] {1}));
        var video = store.put(MediaKind.VIDEO, new ByteArrayInputStream(new byte[] {2}));
        String outside = "elsewhere-" + UUID.randomUUID();
        inspector.putObject(PutObjectArgs.builder().bucket(BUCKET).object(outside)
                .stream(new ByteArrayInputStream(new byte[] {3}), 1L, -1L).build()).join();
        inspector.createMultipartUpload(CreateMultipartUploadArgs.builder().bucket(BUCKET)
                .object(config.prefix() + "video-abandoned").build()).join();
        assertThat(uploadsUnder(config.prefix())).isOne();

        assertThat(sweeper(Duration.ofHours(24), Clock.systemUTC(), key -> false).sweepOnce()).isZero();
        assertThat(store.size(photo.key())).isOne();
        assertThat(uploadsUnder(config.prefix())).isOne();

        var dayAfterTomorrow = new MutableClock(Instant.now().plus(Duration.ofDays(2)));
        assertThat(sweeper(Duration.ofHours(24), dayAfterTomorrow, key -> false).sweepOnce()).isEqualTo(2);

        assertThatThrownBy(() -> store.open(photo.key())).isInstanceOf(MediaStoreException.NotFound.class);
        assertThatThrownBy(() -> store.size(video.key())).isInstanceOf(MediaStoreException.NotFound.class);
        assertThat(uploadsUnder(config.prefix())).isZero();
        assertThat(objectsUnder(outside)).hasSize(1);
    }

    @Test
    @Timeout(300)
    void two_hundred_megabytes_stream_through_a_48_megabyte_heap() throws Exception {
        long size = 200L << 20;
        try (var child = ChildJvm.start(List.of("-Xmx48m"), MediaStoreChildren.S3RoundTrip.class,
                endpoint, ACCESS_KEY, SECRET_KEY, BUCKET, String.valueOf(size))) {
            var result = child.awaitExit(280);

            assertThat(result.exitCode()).as(result.text()).isZero();
            assertThat(result.text()).contains("round trip of " + size + " bytes intact");
        }
    }

    private static List<Item> objectsUnder(String prefix) throws Exception {
        var items = new ArrayList<Item>();
        for (Result<Item> result : inspector.listObjects(ListObjectsArgs.builder().bucket(BUCKET).prefix(prefix)
                .recursive(true).build())) {
            items.add(result.get());
        }
        return items;
    }

    private static int uploadsUnder(String prefix) {
        return inspector.listMultipartUploads(ListMultipartUploadsArgs.builder().bucket(BUCKET).prefix(prefix).build())
                .join().result().uploads().size();
    }
}
