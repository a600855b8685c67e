package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Wish;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses a wish that asks for what the bot never makes (nudity, violence, minors), in English or Russian,
 * before any paid call. A short list of word stems is enough here: the provider's moderation stays the last
 * line, and a wish can only add to the prompt, never replace its own wording.
 */
final class WishScreen {
    private record Rule(Refusal.WishNotAllowed.Topic topic, Pattern words) {
    }

    private static final List<Rule> RULES = List.of(
            rule(Refusal.WishNotAllowed.Topic.NUDITY, "nude", "naked", "nsfw", "porn", "sex", "topless",
                    "undress", "lingerie", "erotic", "голы", "голая", "голые", "обнаж", "порн", "секс", "раздет",
                    "эроти", "нагой", "нагая", "без одежды"),
            rule(Refusal.WishNotAllowed.Topic.VIOLENCE, "blood", "kill", "gun$", "guns$", "knife", "knives",
                    "weapon", "violen", "gore$", "gory", "murder", "stabb", "кровь$", "крови$", "кровью$", "кровав",
                    "окровав", "убий", "убей", "убить",
                    "пистолет", "нож$", "ножом", "ножи$", "оруж", "насили", "расстрел", "застрел"),
            rule(Refusal.WishNotAllowed.Topic.MINORS, "child$", "children$", "kid$", "kids$", "minor$", "minors$",
                    "teen", "underage", "school girl",
                    "schoolgirl", "school boy", "schoolboy", "loli", "ребён", "ребен", "дети", "детск", "школьн",
                    "подрост", "несовершеннолет", "малолет"));

    /**
     * Each stem must start a word ("kill" is refused, "skill" is not); a stem ending in {@code $} must be the
     * whole word ("gun" is refused, "gunther" is not; "нож" is, "ножки" is not).
     */
    private static Rule rule(Refusal.WishNotAllowed.Topic topic, String... stems) {
        String alternatives = String.join("|", List.of(stems).stream()
                .map(stem -> stem.endsWith("$")
                        ? Pattern.quote(stem.substring(0, stem.length() - 1)) + "(?![\\p{L}\\p{N}])"
                        : Pattern.quote(stem))
                .toList());
        return new Rule(topic, Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    Optional<Refusal> refusal(Wish wish) {
        String text = normalized(wish.text());
        return RULES.stream().filter(rule -> rule.words().matcher(text).find())
                .<Refusal>map(rule -> new Refusal.WishNotAllowed(rule.topic())).findFirst();
    }

    /** Folds what makes the same word look different: case, "ё", and letters spelled with combining marks. */
    private static String normalized(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('ё', 'е');
    }
}
