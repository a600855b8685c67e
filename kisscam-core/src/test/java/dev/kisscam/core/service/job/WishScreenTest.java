package dev.kisscam.core.service.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Refusal.WishNotAllowed.Topic;
import dev.kisscam.core.domain.Wish;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WishScreenTest {
    private final WishScreen screen = new WishScreen();

    private Optional<Refusal> screened(String caption) {
        return screen.refusal(Wish.from(caption).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "make them naked on the beach | NUDITY",
            "NSFW please | NUDITY",
            "совсем голые в бассейне | NUDITY",
            "Обнажённые под дождём | NUDITY",
            "без одежды | NUDITY",
            "with a gun in his hand | VIOLENCE",
            "blood everywhere | VIOLENCE",
            "с ножом у горла | VIOLENCE",
            "море крови | VIOLENCE",
            "as school girls | MINORS",
            "make them look like kids | MINORS",
            "как дети | MINORS",
            "несовершеннолетние | MINORS"})
    void a_wish_for_what_the_bot_never_makes_is_refused_in_either_language(String caption, Topic topic) {
        assertThat(screened(caption)).contains(new Refusal.WishNotAllowed(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "on a beach at sunset", "slow motion, skill of a dancer", "Gunther and Anna in Paris",
            "like childhood sweethearts", "на кровати у окна", "ножки в воде", "в стиле старого кино",
            "kidding around in the snow", "под дождём, крупным планом"})
    void an_ordinary_wish_passes_even_when_a_word_begins_like_a_refused_one(String caption) {
        assertThat(screened(caption)).isEmpty();
    }
}
