package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The error shapes the reference notes list, and what is left when the body is none of them. */
class ErrorBodyTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void the_grpc_status_shape() {
        assertThat(parse("{\"code\":\"Some resource has been exhausted\",\"error\":\"Your team has used all credits\"}"))
                .isEqualTo(new ErrorBody("Some resource has been exhausted", "Your team has used all credits"));
    }

    @Test
    void the_openai_shape() {
        assertThat(parse("{\"error\":{\"message\":\"Invalid model\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}"))
                .isEqualTo(new ErrorBody("model_not_found", "Invalid model"));
        assertThat(parse("{\"error\":{\"message\":\"Invalid model\",\"type\":\"invalid_request_error\"}}"))
                .isEqualTo(new ErrorBody("invalid_request_error", "Invalid model"));
    }

    @Test
    void the_bare_shape() {
        assertThat(parse("{\"error\":\"Incorrect API key provided\"}")).isEqualTo(new ErrorBody("", "Incorrect API key provided"));
    }

    @Test
    void text_empty_and_other_json_bodies() {
        assertThat(parse("<html>502 Bad Gateway</html>")).isEqualTo(new ErrorBody("", "<html>502 Bad Gateway</html>"));
        assertThat(parse("")).isEqualTo(new ErrorBody("", ""));
        assertThat(parse("[1,2]")).isEqualTo(new ErrorBody("", "[1,2]"));
        assertThat(parse("{\"message\":\"nope\"}")).isEqualTo(new ErrorBody("", "nope"));
        assertThat(parse("x".repeat(1000)).message()).hasSizeLessThan(310);
    }

    @Test
    void describe_and_mentions_read_code_and_message_together() {
        var body = new ErrorBody("Client specified an invalid argument", "Incorrect API key provided: xa***");

        assertThat(body.describe()).isEqualTo("Client specified an invalid argument: Incorrect API key provided: xa***");
        assertThat(body.mentions("api[ _-]?key")).isTrue();
        assertThat(body.mentions("credit")).isFalse();
    }

    private ErrorBody parse(String body) {
        return ErrorBody.parse(body.getBytes(StandardCharsets.UTF_8), json);
    }
}
