package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class JsonWithPicturesTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = FakeXai.JSON;

    @Test
    void it_writes_exactly_what_the_json_with_the_data_uris_as_strings_would_be() throws IOException {
        for (int size : new int[] {0, 1, 2, 3, 4, 5, 100_000, 100_001, 100_002}) {
            var first = picture(size, 1);
            var second = picture(size + 7, 2);
            JsonWithPictures.Builder request = JsonWithPictures.builder(JSON);
            ObjectNode streamed = JSON.createObjectNode().put("model", "m \"quoted\" ✓");
            streamed.putObject("image").put("url", request.picture(first));
            streamed.putArray("reference_images").addObject().put("url", request.picture(second));
            streamed.put("prompt", "after");
            ObjectNode asStrings = JSON.createObjectNode().put("model", "m \"quoted\" ✓");
            asStrings.putObject("image").put("url", dataUri(first));
            asStrings.putArray("reference_images").addObject().put("url", dataUri(second));
            asStrings.put("prompt", "after");

            JsonWithPictures body = request.build(streamed);
            var sink = new Buffer();
            body.writeTo(sink);

            byte[] expected = JSON.writeValueAsBytes(asStrings);
            assertThat(sink.readByteArray()).isEqualTo(expected);
            assertThat(body.length()).isEqualTo(expected.length);
        }
    }

    @Test
    void a_picture_that_does_not_stand_in_the_body_exactly_once_is_a_programming_error() {
        JsonWithPictures.Builder missing = JsonWithPictures.builder(JSON);
        missing.picture(picture(10, 3));
        assertThatThrownBy(() -> missing.build(JSON.createObjectNode().put("url", "elsewhere")))
                .isInstanceOf(IllegalArgumentException.class);

        JsonWithPictures.Builder twice = JsonWithPictures.builder(JSON);
        String placeholder = twice.picture(picture(10, 4));
        assertThatThrownBy(() -> twice.build(JSON.createObjectNode().put("a", placeholder).put("b", placeholder)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JpegImage picture(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return new JpegImage(bytes, 1, 1);
    }

    private static String dataUri(JpegImage image) {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(image.bytes());
    }
}
