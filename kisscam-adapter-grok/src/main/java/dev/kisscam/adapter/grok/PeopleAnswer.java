package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.Spend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the vision model's answer strictly: the JSON in {@code choices[0].message.content} must be exactly
 * the schema's object, with a box inside the photo for each person counted. Anything else is an invalid
 * response, never a guess; a refusal by the model refuses the input.
 */
final class PeopleAnswer {
    static final String PEOPLE = "people";
    static final String UNDERAGE = "anyone_looks_under_18";
    static final String BOXES = "boxes";
    private static final Set<String> ANSWER_FIELDS = Set.of(PEOPLE, UNDERAGE, BOXES);
    private static final Set<String> BOX_FIELDS = Set.of("left", "top", "width", "height");
    /** Rounding in the model's arithmetic: a box may overshoot the edge by this much and is then trimmed. */
    private static final double EDGE_SLACK = 1e-6;

    private PeopleAnswer() {
    }

    static PeopleCount read(JsonNode completion, ObjectMapper json, String model, Secrets secrets) {
        JsonNode message = completion.path("choices").path(0).path("message");
        JsonNode content = message.path("content");
        if (!content.isTextual()) {
            JsonNode refusal = message.path("refusal");
            if (refusal.isTextual() && !refusal.asText().isBlank()) {
                throw XaiFailure.refused(Endpoint.VISION, "the vision model declined: " + secrets.redact(refusal.asText()));
            }
            throw invalid("no text in choices[0].message.content");
        }
        JsonNode answer;
        try {
            answer = json.readTree(content.asText());
        } catch (IOException e) {
            throw invalid("the message content is not valid JSON");
        }
        if (answer == null || !answer.isObject() || !fieldsAre(answer, ANSWER_FIELDS)) {
            throw invalid("the message content is not an object with exactly " + ANSWER_FIELDS);
        }
        JsonNode people = answer.get(PEOPLE);
        JsonNode underage = answer.get(UNDERAGE);
        JsonNode boxes = answer.get(BOXES);
        if (!people.isIntegralNumber() || !people.canConvertToInt() || people.intValue() < 0) {
            throw invalid(PEOPLE + " is not a whole number >= 0");
        }
        if (!underage.isBoolean()) {
            throw invalid(UNDERAGE + " is not true or false");
        }
        if (!boxes.isArray() || boxes.size() != people.intValue()) {
            throw invalid(BOXES + " must hold one box per person, " + people.intValue());
        }
        List<PersonBox> personBoxes = new ArrayList<>();
        for (JsonNode box : boxes) {
            personBoxes.add(box(box));
        }
        return new PeopleCount(people.intValue(), underage.booleanValue(), personBoxes,
                Cost.of(completion, model, Endpoint.VISION));
    }

    private static PersonBox box(JsonNode box) {
        if (!box.isObject() || !fieldsAre(box, BOX_FIELDS)) {
            throw invalid("a box is not an object with exactly " + BOX_FIELDS);
        }
        double left = fraction(box, "left");
        double top = fraction(box, "top");
        double width = fraction(box, "width");
        double height = fraction(box, "height");
        if (width <= 0 || height <= 0 || left + width > 1 + EDGE_SLACK || top + height > 1 + EDGE_SLACK) {
            throw invalid("a box is empty or reaches outside the photo");
        }
        return new PersonBox(left, top, Math.min(width, 1 - left), Math.min(height, 1 - top));
    }

    private static double fraction(JsonNode box, String name) {
        JsonNode value = box.get(name);
        if (!value.isNumber() || !(value.doubleValue() >= 0 && value.doubleValue() <= 1)) {
            throw invalid("a box's " + name + " is not a fraction 0..1");
        }
        return value.doubleValue();
    }

    private static boolean fieldsAre(JsonNode object, Set<String> names) {
        int count = 0;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); count++) {
            if (!names.contains(it.next())) {
                return false;
            }
        }
        return count == names.size();
    }

    private static XaiFailure invalid(String detail) {
        return XaiFailure.invalidResponse(Endpoint.VISION, detail);
    }
}
