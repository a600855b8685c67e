package dev.kisscam.core.domain;

/** What a stored blob is; stores may use it for prefixes, extensions and content types. */
public enum MediaKind {
    PHOTO("image/octet-stream", ""),
    VIDEO("video/mp4", ".mp4");

    private final String contentType;
    private final String extension;

    MediaKind(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }
}
