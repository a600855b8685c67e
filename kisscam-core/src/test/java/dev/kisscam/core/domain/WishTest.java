package dev.kisscam.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WishTest {

    @Test
    void a_caption_becomes_one_line_with_single_spaces() {
        assertThat(Wish.from("  on a beach\n\n at\tnight\u200B ").map(Wish::text)).contains("on a beach at night");
    }

    @Test
    void a_caption_of_nothing_visible_is_no_wish() {
        assertThat(Wish.from(" \n\t\u200E ")).isEmpty();
        assertThat(Wish.from(null)).isEmpty();
    }

    @Test
    void a_long_caption_is_cut_at_a_word_within_the_limit() {
        String caption = "slowly ".repeat(40);

        String wish = Wish.from(caption).orElseThrow().text();

        assertThat(wish.length()).isLessThanOrEqualTo(Wish.MAX_LENGTH);
        assertThat(wish).endsWith("slowly").doesNotContain("  ");
    }

    @Test
    void a_long_word_is_cut_at_the_limit() {
        assertThat(Wish.from("x".repeat(500)).orElseThrow().text()).hasSize(Wish.MAX_LENGTH);
    }

    @Test
    void a_long_caption_of_emoji_is_cut_between_two_emoji_not_inside_one() {
        String text = Wish.from("a" + "💋".repeat(150)).orElseThrow().text();

        assertThat(text).hasSize(Wish.MAX_LENGTH - 1).startsWith("a💋").endsWith("💋");
        assertThat(text.codePoints()).noneMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    @Test
    void a_wish_made_directly_must_already_be_clean() {
        assertThatThrownBy(() -> new Wish("two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Wish(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void choosing_nothing_says_nothing_and_a_style_or_a_wish_does() {
        assertThat(Direction.DEFAULT.saysAnything()).isFalse();
        assertThat(Direction.DEFAULT.withStyle(new VideoStyle("rain")).saysAnything()).isTrue();
        assertThat(new Direction(VideoStyle.DEFAULT, Wish.from("in Paris")).saysAnything()).isTrue();
    }
}
