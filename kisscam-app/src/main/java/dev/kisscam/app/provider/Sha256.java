package dev.kisscam.app.provider;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.MediaStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content fingerprints for the caches: equal bytes give equal keys, whatever the media key or file name. */
final class Sha256 {
    private Sha256() {
    }

    /** Streams the blob through the digest, so a 20 MB photo is never held whole. */
    static String ofMedia(MediaKey key, MediaReader media) {
        MessageDigest digest = newDigest();
        try (InputStream in = media.open(key)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            // Reading the media store failed: report it as the store's failure, as the core expects.
            throw new MediaStoreException("could not read " + key + " to fingerprint it", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String ofText(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
