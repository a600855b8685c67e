package dev.kisscam.app.testing;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * An image sent inline as {@code data:image/jpeg;base64,...}, the way the adapter sends every photo. Only
 * what xAI documents for images passes: JPEG or PNG, and bytes that start the way the declared type does.
 */
record DataUri(String mediaType, byte[] bytes) {
    private static final Map<String, byte[]> MAGIC = Map.of(
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    private static final String PREFIX = "data:";
    private static final String BASE64 = ";base64,";

    DataUri {
        bytes = bytes.clone();
    }

    static DataUri parse(String uri) {
        int marker = uri.indexOf(BASE64);
        if (!uri.startsWith(PREFIX) || marker < 0) {
            throw Rejection.invalidArgument("the image is not a base64 data URI");
        }
        String mediaType = uri.substring(PREFIX.length(), marker);
        byte[] magic = MAGIC.get(mediaType);
        if (magic == null) {
            throw Rejection.invalidArgument("unsupported image type " + mediaType + "; send JPEG or PNG");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(uri.substring(marker + BASE64.length()));
        } catch (IllegalArgumentException e) {
            throw Rejection.invalidArgument("the image's base64 cannot be decoded");
        }
        if (bytes.length < magic.length || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
            throw Rejection.invalidArgument("the image is not the " + mediaType + " it claims to be");
        }
        return new DataUri(mediaType, bytes);
    }
}
