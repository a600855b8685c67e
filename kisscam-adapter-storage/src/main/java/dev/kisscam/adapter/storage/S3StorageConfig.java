package dev.kisscam.adapter.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where {@link S3MediaStore} keeps media. {@link #toString()} never shows the secret key.
 *
 * @param endpoint S3_ENDPOINT, an http or https URL such as {@code https://s3.eu-central-1.amazonaws.com}
 * @param bucket S3_BUCKET; created at start when it is missing and the credentials may create it
 * @param accessKey S3_ACCESS_KEY
 * @param secretKey S3_SECRET_KEY
 * @param region S3_REGION, or null to ask the server
 * @param prefix prepended to every object name, empty or ending in {@code /}; default {@code kisscam/media/}
 * @param mediaTtl how long stored media lives before the sweeper deletes it, default 24 hours
 * @param partSizeBytes how much of an upload is buffered before it is sent as one part, 5 MiB to 5 GiB,
 *     default 10 MiB; each upload in flight holds about this much on the heap
 */
public record S3StorageConfig(
        String endpoint,
        String bucket,
        String accessKey,
        String secretKey,
        String region,
        String prefix,
        Duration mediaTtl,
        long partSizeBytes) {

    public static final String DEFAULT_PREFIX = "kisscam/media/";
    public static final long MIN_PART_SIZE_BYTES = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE_BYTES = 5L * 1024 * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE_BYTES = 10L * 1024 * 1024;

    public S3StorageConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(mediaTtl, "mediaTtl");
        checkEndpoint(endpoint);
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("S3_BUCKET '" + bucket + "' is not a valid bucket name: 3 to 63 lower-case"
                    + " letters, digits, dots or dashes");
        }
        if (accessKey.isBlank() || secretKey.isBlank()) {
            throw new IllegalArgumentException("S3_ACCESS_KEY and S3_SECRET_KEY must not be blank");
        }
        region = region == null || region.isBlank() ? null : region.strip();
        prefix = normalisePrefix(prefix);
        if (!mediaTtl.isPositive()) {
            throw new IllegalArgumentException("the media TTL must be positive, was " + mediaTtl);
        }
        if (partSizeBytes < MIN_PART_SIZE_BYTES || partSizeBytes > MAX_PART_SIZE_BYTES) {
            throw new IllegalArgumentException("the part size must be 5 MiB to 5 GiB (S3's limits), was " + partSizeBytes);
        }
    }

    /** The default prefix, TTL and part size. */
    public static S3StorageConfig of(String endpoint, String bucket, String accessKey, String secretKey, String region) {
        return new S3StorageConfig(endpoint, bucket, accessKey, secretKey, region, DEFAULT_PREFIX,
                LocalStorageConfig.DEFAULT_MEDIA_TTL, DEFAULT_PART_SIZE_BYTES);
    }

    public S3StorageConfig withPrefix(String newPrefix) {
        return new S3StorageConfig(endpoint, bucket, accessKey, secretKey, region, newPrefix, mediaTtl, partSizeBytes);
    }

    public S3StorageConfig withMediaTtl(Duration ttl) {
        return new S3StorageConfig(endpoint, bucket, accessKey, secretKey, region, prefix, ttl, partSizeBytes);
    }

    public S3StorageConfig withPartSizeBytes(long bytes) {
        return new S3StorageConfig(endpoint, bucket, accessKey, secretKey, region, prefix, mediaTtl, bytes);
    }

    @Override
    public String toString() {
        return "S3StorageConfig[endpoint=" + endpoint + ", bucket=" + bucket + ", accessKey=" + mask(accessKey)
                + ", secretKey=****, region=" + (region == null ? "(from the server)" : region) + ", prefix=" + prefix
                + ", mediaTtl=" + mediaTtl + ", partSizeBytes=" + partSizeBytes + "]";
    }

    private static void checkEndpoint(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("S3_ENDPOINT '" + endpoint + "' is not a URL", e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("S3_ENDPOINT '" + endpoint + "' must be an http or https URL with a host");
        }
    }

    private static String normalisePrefix(String prefix) {
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (!p.isEmpty() && !p.endsWith("/")) {
            p = p + "/";
        }
        if (!p.matches("[A-Za-z0-9/_.-]*") || ("/" + p).contains("/../") || ("/" + p).contains("/./") || p.contains("//")) {
            throw new IllegalArgumentException("the S3 prefix '" + prefix + "' may hold letters, digits, '_', '.', '-'"
                    + " and '/' between non-empty segments other than '.' and '..'");
        }
        return p;
    }

    /** Enough of an access key to tell which one is configured, not enough to use it. */
    private static String mask(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 4) + "****";
    }
}
