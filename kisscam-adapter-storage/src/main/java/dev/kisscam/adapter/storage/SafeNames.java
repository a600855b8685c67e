package dev.kisscam.adapter.storage;

import java.nio.file.Path;

/** How the local media store turns keys into files without letting any key reach outside its directory. */
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
}
