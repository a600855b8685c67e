package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okio.BufferedSink;

/**
 * A request's JSON in which pictures stand as {@code data:image/jpeg;base64,...} URIs, written to the wire
 * straight from the JPEG bytes: the base64 text, a third larger than the picture, never exists as a String
 * or in a second copy of the body. Put {@link Builder#picture} where a URI goes, then {@link Builder#build}.
 */
final class JsonWithPictures {
    private static final byte[] DATA_URI = ("\"data:" + JpegImage.MEDIA_TYPE + ";base64,").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUOTE = {'"'};

    /** Either JSON text or a picture that becomes a quoted data URI. */
    private sealed interface Part {
    }

    private record Text(byte[] utf8) implements Part {
    }

    private record Picture(JpegImage image) implements Part {
    }

    private final List<Part> parts;
    private final long length;

    private JsonWithPictures(List<Part> parts) {
        this.parts = List.copyOf(parts);
        this.length = parts.stream().mapToLong(part -> switch (part) {
            case Text text -> text.utf8().length;
            case Picture picture -> DATA_URI.length + picture.image().base64Length() + QUOTE.length;
        }).sum();
    }

    static Builder builder(ObjectMapper json) {
        return new Builder(json);
    }

    /** The exact number of bytes {@link #writeTo} writes. */
    long length() {
        return length;
    }

    void writeTo(BufferedSink sink) throws IOException {
        OutputStream raw = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                sink.writeByte(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int count) throws IOException {
                sink.write(bytes, offset, count);
            }
            // close() does nothing: the sink belongs to OkHttp.
        };
        for (Part part : parts) {
            switch (part) {
                case Text text -> sink.write(text.utf8());
                case Picture picture -> {
                    sink.write(DATA_URI);
                    try (OutputStream base64 = Base64.getEncoder().wrap(raw)) {
                        base64.write(picture.image().bytes());
                    }
                    sink.write(QUOTE);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "JsonWithPictures[" + length + " bytes, " + parts.stream().filter(Picture.class::isInstance).count()
                + " pictures]";
    }

    /** Collects the pictures, each under a placeholder that cannot occur in anything else the request says. */
    static final class Builder {
        private final ObjectMapper json;
        private final String prefix = "picture:" + UUID.randomUUID() + ":";
        private final Map<String, JpegImage> pictures = new LinkedHashMap<>();

        private Builder(ObjectMapper json) {
            this.json = json;
        }

        /** The text to put into the JSON where this picture's data URI goes. */
        String picture(JpegImage image) {
            String placeholder = prefix + pictures.size();
            pictures.put(placeholder, image);
            return placeholder;
        }

        /** The body, whose every placeholder must stand exactly once, as a whole JSON string. */
        JsonWithPictures build(JsonNode body) {
            byte[] text;
            try {
                text = json.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("a request body that cannot be written as JSON", e);
            }
            List<Part> parts = new ArrayList<>();
            int from = 0;
            for (var entry : pictures.entrySet()) {
                byte[] quoted = ('"' + entry.getKey() + '"').getBytes(StandardCharsets.US_ASCII);
                int at = indexOf(text, quoted, from);
                if (at < 0 || indexOf(text, quoted, at + quoted.length) >= 0) {
                    throw new IllegalArgumentException("each picture must stand in the request exactly once, in order");
                }
                parts.add(new Text(Arrays.copyOfRange(text, from, at)));
                parts.add(new Picture(entry.getValue()));
                from = at + quoted.length;
            }
            parts.add(new Text(Arrays.copyOfRange(text, from, text.length)));
            return new JsonWithPictures(parts);
        }

        private static int indexOf(byte[] text, byte[] wanted, int from) {
            for (int i = from; i <= text.length - wanted.length; i++) {
                if (Arrays.equals(text, i, i + wanted.length, wanted, 0, wanted.length)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
