package dev.kisscam.adapter.sql;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.function.Consumer;

/** JSON for the stored records: strict on reading, so a damaged body or file is noticed, not half-read. */
final class RecordCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RecordCodec() {
    }

    static byte[] encode(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    /** @throws IOException when the bytes are not a complete, well-formed record of this type */
    static <T> T decode(byte[] bytes, Class<T> type) throws IOException {
        return MAPPER.readValue(bytes, type);
    }

    /**
     * Like {@link #decode}, after {@code upgrade} brought an older shape of the record up to date (adding what
     * it lacked), so the strict reading still catches a damaged file.
     */
    static <T> T decode(byte[] bytes, Class<T> type, Consumer<ObjectNode> upgrade) throws IOException {
        if (!(MAPPER.readTree(bytes) instanceof ObjectNode tree)) {
            throw new IOException("a " + type.getSimpleName() + " is a JSON object");
        }
        upgrade.accept(tree);
        return MAPPER.treeToValue(tree, type);
    }
}
