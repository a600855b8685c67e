package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.RequesterId;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code user} the provider sees: HMAC-SHA-256 of the requester id under a secret. Stable per requester,
 * so abuse tracking works, but a plain hash of {@code telegram:42} could be reversed by trying ids.
 */
final class RequesterHash {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    RequesterHash(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String of(RequesterId requester) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(requester.value().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "RequesterHash[***]";
    }
}
