package dev.kisscam.adapter.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How the local stores turn names into files without letting any name reach outside their directory. */
final class SafeNames {

    private SafeNames() {
    }

    /**
     * The file for {@code name} directly inside {@code root}, or an exception: nothing a name says can reach
     * a file elsewhere. Keys and job ids already admit no separators or dots; this holds even if they ever did.
     */
    static Path resolveInside(Path root, String name) {
        Path file = root.resolve(name);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || !root.equals(file.getParent())
                || !file.getFileName().toString().equals(name)) {
            throw new IllegalArgumentException("'" + name + "' does not name a file directly inside " + root);
        }
        return file;
    }

    /** Free text (a requester id, say) as a fixed-length file name made of hex digits only. */
    static String hashed(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
