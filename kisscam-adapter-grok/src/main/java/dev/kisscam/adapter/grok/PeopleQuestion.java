package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chat completion that asks the vision model about a photo, with a strict JSON schema for the answer
 * that {@link PeopleAnswer} checks again: a schema is a request, not a guarantee.
 */
final class PeopleQuestion {
    static final String SCHEMA_NAME = "people";
    static final String INSTRUCTIONS = """
            Look at this photo. Count the people who are clearly visible: someone counts when most of their \
            face or body is in the photo. Do not count people in pictures, posters, screens or reflections, \
            or small figures far in the background. Say whether anyone you counted looks under 18. For each \
            person you counted, give the box around their head and body as fractions (0 to 1) of the image's \
            width and height, measured from the top-left corner: left, top, width, height. Answer only with \
            the JSON object the schema describes.""";

    private PeopleQuestion() {
    }

    static JsonWithPictures body(ObjectMapper json, String model, JpegImage photo) {
        JsonWithPictures.Builder request = JsonWithPictures.builder(json);
        ObjectNode body = json.createObjectNode().put("model", model);
        ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "image_url").putObject("image_url")
                .put("url", request.picture(photo)).put("detail", "high");
        content.addObject().put("type", "text").put("text", INSTRUCTIONS);
        ObjectNode format = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        format.put("name", SCHEMA_NAME).put("strict", true).set("schema", schema(json));
        return request.build(body);
    }

    private static ObjectNode schema(ObjectMapper json) {
        ObjectNode box = strictObject(json, "left", "top", "width", "height");
        for (String side : new String[] {"left", "top", "width", "height"}) {
            ((ObjectNode) box.get("properties")).putObject(side).put("type", "number").put("minimum", 0).put("maximum", 1);
        }
        ObjectNode answer = strictObject(json, PeopleAnswer.PEOPLE, PeopleAnswer.UNDERAGE, PeopleAnswer.BOXES);
        ObjectNode properties = (ObjectNode) answer.get("properties");
        properties.putObject(PeopleAnswer.PEOPLE).put("type", "integer").put("minimum", 0)
                .put("description", "how many people are clearly visible");
        properties.putObject(PeopleAnswer.UNDERAGE).put("type", "boolean")
                .put("description", "whether anyone counted looks under 18");
        properties.putObject(PeopleAnswer.BOXES).put("type", "array")
                .put("description", "one box per person counted").set("items", box);
        return answer;
    }

    private static ObjectNode strictObject(ObjectMapper json, String... required) {
        ObjectNode object = json.createObjectNode().put("type", "object");
        object.putObject("properties");
        ArrayNode names = object.putArray("required");
        for (String name : required) {
            names.add(name);
        }
        object.put("additionalProperties", false);
        return object;
    }
}
