package dev.kisscam.adapter.storage;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import io.minio.AbortMultipartUploadArgs;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import io.minio.messages.ListMultipartUploadsResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * Photos and videos as objects in an S3 bucket (AWS, MinIO, Ceph, anything S3-compatible), under a prefix,
 * through the MinIO client. A put streams as a multipart upload of unknown length, so each upload holds one
 * part ({@link S3StorageConfig#partSizeBytes()}) on the heap, never the whole file; an object appears only
 * once its upload completes, and a failed upload is aborted. Reads stream from the HTTP response.
 *
 * <p>Several instances may share one bucket and prefix: keys are random and nothing here assumes it is alone.
 */
public final class S3MediaStore implements MediaStore, ExpiringMedia, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(S3MediaStore.class.getName());
    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchObject", "NotFound");
    private static final int DELETE_BATCH = 1000;

    private final MinioAsyncClient client;
    private final S3StorageConfig config;

    private S3MediaStore(MinioAsyncClient client, S3StorageConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * Builds the client and checks the bucket, creating it when it is missing.
     *
     * @throws MediaStoreException when the endpoint cannot be reached, the credentials are refused, or the
     *     bucket is missing and cannot be created; the message names the endpoint and bucket
     */
    public static S3MediaStore connect(S3StorageConfig config) {
        var builder = MinioAsyncClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey());
        if (config.region() != null) {
            builder.region(config.region());
        }
        var store = new S3MediaStore(builder.build(), config);
        try {
            store.ensureBucket();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public StoredMedia put(MediaKind kind, InputStream content) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        var key = Uploads.newKey(kind);
        String object = objectOf(key);
        var counting = new CountingInputStream(content);
        try {
            await(client.putObject(PutObjectArgs.builder()
                    .bucket(config.bucket())
                    .object(object)
                    .stream(counting, -1L, config.partSizeBytes())
                    .contentType(kind.contentType())
                    .build()));
            return new StoredMedia(key, counting.count);
        } catch (MinioException | RuntimeException e) {
            if (counting.failure != null) {
                throw new MediaStoreException("could not read the content to store as " + where(object),
                        counting.failure);
            }
            throw failure("cannot upload", object, e);
        } finally {
            Uploads.closeQuietly(content);
        }
    }

    @Override
    public InputStream open(MediaKey key) {
        String object = objectOf(key);
        try {
            return await(client.getObject(GetObjectArgs.builder().bucket(config.bucket()).object(object).build()));
        } catch (MinioException | RuntimeException e) {
            if (isNotFound(e)) {
                throw new MediaStoreException.NotFound(key);
            }
            throw failure("cannot read", object, e);
        }
    }

    @Override
    public long size(MediaKey key) {
        String object = objectOf(key);
        try {
            return await(client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(object).build())).size();
        } catch (MinioException | RuntimeException e) {
            if (isNotFound(e)) {
                throw new MediaStoreException.NotFound(key);
            }
            throw failure("cannot read", object, e);
        }
    }

    @Override
    public void delete(MediaKey key) {
        String object = objectOf(key);
        try {
            await(client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(object).build()));
        } catch (MinioException | RuntimeException e) {
            throw failure("cannot delete", object, e);
        }
    }

    /**
     * Lists the prefix and deletes the objects written before {@code cutoff} that no job uses, in batches, and
     * aborts multipart uploads begun before it.
     */
    @Override
    public int deleteUnusedOlderThan(Instant cutoff, Predicate<MediaKey> inUse) {
        int deleted = 0;
        List<String> expired = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(config.bucket()).prefix(config.prefix()).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir() && item.lastModified().toInstant().isBefore(cutoff)) {
                    expired.add(item.objectName());
                    if (expired.size() == DELETE_BATCH) {
                        deleted += deleteUnused(expired, inUse);
                    }
                }
            }
            deleted += deleteUnused(expired, inUse);
            abortUploadsBegunBefore(cutoff);
        } catch (MinioException | RuntimeException e) {
            throw failure("cannot sweep", config.prefix(), e);
        }
        return deleted;
    }

    @Override
    public String location() {
        return where(config.prefix());
    }

    /** Stops the HTTP client's threads and connections. */
    @Override
    public void close() {
        client.close();
    }

    private void ensureBucket() {
        String bucket = config.bucket();
        try {
            if (await(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))) {
                return;
            }
        } catch (MinioException | RuntimeException e) {
            throw new MediaStoreException("cannot reach the bucket " + bucket + " at " + config.endpoint() + ": "
                    + describe(e), e);
        }
        try {
            await(client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()));
            LOG.log(INFO, "created the bucket {0} at {1}", bucket, config.endpoint());
        } catch (MinioException | RuntimeException e) {
            if (e instanceof ErrorResponseException response
                    && Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists").contains(response.errorResponse().code())) {
                return; // another instance created it meanwhile
            }
            throw new MediaStoreException("the bucket " + bucket + " does not exist at " + config.endpoint()
                    + " and cannot be created (" + describe(e) + "); create it, or give S3_ACCESS_KEY the right to", e);
        }
    }

    /**
     * Deletes the expired objects no job uses, asking about each as the batch is sent rather than as it was
     * listed, so an object a job took meanwhile is kept; empties {@code expired}.
     */
    private int deleteUnused(List<String> expired, Predicate<MediaKey> inUse) throws MinioException {
        List<DeleteRequest.Object> unused = expired.stream()
                .filter(object -> !Uploads.isInUse(object.substring(config.prefix().length()), inUse))
                .map(DeleteRequest.Object::new)
                .toList();
        expired.clear();
        if (unused.isEmpty()) {
            return 0;
        }
        int failed = 0;
        for (Result<DeleteResult.Error> result : client.removeObjects(
                RemoveObjectsArgs.builder().bucket(config.bucket()).objects(unused).build())) {
            DeleteResult.Error error = result.get();
            LOG.log(WARNING, "cannot delete expired {0}: {1} {2}", where(error.objectName()), error.code(), error.message());
            failed++;
        }
        return unused.size() - failed;
    }

    /** A process killed mid-upload leaves parts behind that cost storage until the upload is aborted. */
    private void abortUploadsBegunBefore(Instant cutoff) throws MinioException {
        String keyMarker = null;
        String uploadIdMarker = null;
        ListMultipartUploadsResult page;
        do {
            page = await(client.listMultipartUploads(ListMultipartUploadsArgs.builder()
                    .bucket(config.bucket()).prefix(config.prefix())
                    .keyMarker(keyMarker).uploadIdMarker(uploadIdMarker).build())).result();
            for (ListMultipartUploadsResult.Upload upload : page.uploads()) {
                if (upload.initiated() != null && upload.initiated().toInstant().isBefore(cutoff)) {
                    await(client.abortMultipartUpload(AbortMultipartUploadArgs.builder()
                            .bucket(config.bucket()).object(upload.objectName()).uploadId(upload.uploadId()).build()));
                    LOG.log(INFO, "aborted an upload to {0} begun at {1}", where(upload.objectName()), upload.initiated());
                }
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        } while (page.isTruncated());
    }

    private String objectOf(MediaKey key) {
        return config.prefix() + key.value();
    }

    private String where(String object) {
        return "s3://" + config.bucket() + "/" + object + " at " + config.endpoint();
    }

    private MediaStoreException failure(String what, String object, Exception e) {
        return new MediaStoreException(what + " " + where(object) + ": " + describe(e), e);
    }

    private static String describe(Exception e) {
        if (e instanceof ErrorResponseException response) {
            return response.errorResponse().code() + " (HTTP " + response.response().code() + "): "
                    + response.errorResponse().message();
        }
        Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static boolean isNotFound(Exception e) {
        return e instanceof ErrorResponseException response
                && (NOT_FOUND_CODES.contains(response.errorResponse().code())
                        || response.response().code() == 404 && !"NoSuchBucket".equals(response.errorResponse().code()));
    }

    private <T> T await(CompletableFuture<T> call) throws MinioException {
        try {
            return call.join();
        } catch (CompletionException e) {
            client.throwMinioException(e);
            throw e; // throwMinioException always throws
        }
    }

    /** Counts what the upload read, and remembers a failure of the caller's stream as the put's cause. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;
        private IOException failure;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = remember(() -> super.read());
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = remember(() -> super.read(buffer, offset, length));
            if (n > 0) {
                count += n;
            }
            return n;
        }

        private int remember(Read read) throws IOException {
            try {
                return read.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @FunctionalInterface
        private interface Read {
            int read() throws IOException;
        }
    }
}
