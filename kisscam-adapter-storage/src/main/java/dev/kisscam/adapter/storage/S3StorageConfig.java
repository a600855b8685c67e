package dev.kisscam.adapter.storage;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where {@link S3MediaStore} keeps media. A value that breaks a rule makes construction fail with
 * {@link InvalidConfiguration}, which lists every broken rule at once. {@link #toString()} never shows the
 * secret key.
 *
 * @param endpoint {@value #S3_ENDPOINT}, an http or https URL such as {@code https://s3.eu-central-1.amazonaws.com}
 * @param bucket {@value #S3_BUCKET}; created at start when it is missing and the credentials may create it
 * @param accessKey {@value #S3_ACCESS_KEY}
 * @param secretKey {@value #S3_SECRET_KEY}
 * @param region {@value #S3_REGION}, or null to ask the server
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

    public static final String S3_ENDPOINT = "S3_ENDPOINT";
    public static final String S3_BUCKET = "S3_BUCKET";
    public static final String S3_ACCESS_KEY = "S3_ACCESS_KEY";
    public static final String S3_SECRET_KEY = "S3_SECRET_KEY";
    public static final String S3_REGION = "S3_REGION";

    /** The region to use when the operator names none: AWS's first, and what MinIO and most others answer to. */
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_PREFIX = "kisscam/media/";
    public static final long MIN_PART_SIZE_BYTES = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE_BYTES = 5L * 1024 * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE_BYTES = 10L * 1024 * 1024;

    public S3StorageConfig {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(mediaTtl, "mediaTtl");
        var problems = new ArrayList<String>();
        if (isBlank(endpoint)) {
            problems.add(S3_ENDPOINT + " is required: the S3 endpoint URL");
        } else {
            checkEndpoint(endpoint, problems);
        }
        if (isBlank(bucket)) {
            problems.add(S3_BUCKET + " is required: the bucket for photos and videos");
        } else if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            problems.add(S3_BUCKET + " '" + bucket + "' is not a valid bucket name: 3 to 63 lower-case letters, digits,"
                    + " dots or dashes");
        }
        // Neither key is ever quoted: a problem ends up on a terminal and in logs.
        if (isBlank(accessKey)) {
            problems.add(S3_ACCESS_KEY + " is required: the S3 access key");
        }
        if (isBlank(secretKey)) {
            problems.add(S3_SECRET_KEY + " is required: the S3 secret key");
        }
        region = isBlank(region) ? null : region.strip();
        String normalised = normalisePrefix(prefix);
        if (isSafePrefix(normalised)) {
            prefix = normalised;
        } else {
            problems.add("the S3 prefix '" + prefix + "' may hold letters, digits, '_', '.', '-' and '/' between"
                    + " non-empty segments other than '.' and '..'");
        }
        if (!mediaTtl.isPositive()) {
            problems.add("the media TTL must be positive, was " + mediaTtl);
        }
        if (partSizeBytes < MIN_PART_SIZE_BYTES || partSizeBytes > MAX_PART_SIZE_BYTES) {
            problems.add("the part size must be 5 MiB to 5 GiB (S3's limits), was " + partSizeBytes);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static void checkEndpoint(String endpoint, List<String> problems) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            problems.add(S3_ENDPOINT + " '" + endpoint + "' is not a URL");
            return;
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            problems.add(S3_ENDPOINT + " '" + endpoint + "' must be an http or https URL with a host");
        }
    }

    private static String normalisePrefix(String prefix) {
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    private static boolean isSafePrefix(String p) {
        return p.matches("[A-Za-z0-9/_.-]*") && !("/" + p).contains("/../") && !("/" + p).contains("/./")
                && !p.contains("//");
    }

    /** Enough of an access key to tell which one is configured, not enough to use it. */
    private static String mask(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 4) + "****";
    }
}
