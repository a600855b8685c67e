package dev.kisscam.adapter.grok;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How each built-in style reads in a prompt: the one place that words them. The ids are the core's built-in
 * styles ({@code KisscamSettings.STYLES}); an operator adds more with {@link GrokConfig.Builder#stylePrompt}.
 * A fragment only says how the kiss looks: who is shown and what is never shown is {@link KissPrompt}'s.
 */
final class StylePrompts {
    static final Map<String, String> BUILT_IN = builtIn();

    private StylePrompts() {
    }

    private static Map<String, String> builtIn() {
        var prompts = new LinkedHashMap<String, String>();
        prompts.put("gentle", "a gentle, tender kiss in soft natural light, slow and unhurried");
        prompts.put("cinematic", "a cinematic kiss: the camera slowly circles them, shallow depth of field, warm film-like light");
        prompts.put("sunset", "a romantic kiss at sunset, golden light on their faces and a glowing sky behind them");
        prompts.put("rain", "a kiss in light rain, raindrops glistening around them, a romantic street at dusk");
        prompts.put("snow", "a kiss while snowflakes drift softly around them, in cold clear winter light");
        prompts.put("cheek-kiss", "one of them gives the other a sweet kiss on the cheek, and both smile");
        prompts.put("forehead-kiss", "one of them gives the other a tender kiss on the forehead, eyes closed");
        prompts.put("hug-then-kiss", "they hug warmly first, then share a gentle kiss");
        return Collections.unmodifiableMap(prompts);
    }
}
