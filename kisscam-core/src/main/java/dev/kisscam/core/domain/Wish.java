package dev.kisscam.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What the requester asked for in their own words ("on a beach at night"), cleaned for a prompt: no control
 * characters, one space between words, at most {@link #MAX_LENGTH} characters. It only ever adds to the
 * prompt; the provider keeps its own wording about who is shown and how.
 */
public record Wish(String text) {
    public static final int MAX_LENGTH = 200;

    public Wish {
        Objects.requireNonNull(text, "text");
        if (text.isBlank() || text.length() > MAX_LENGTH || !text.equals(clean(text))) {
            throw new IllegalArgumentException("a wish is 1 to " + MAX_LENGTH + " clean characters; use Wish.from");
        }
    }

    /** The wish in a caption, cleaned and cut at a word near the limit; empty when nothing is left. */
    public static Optional<Wish> from(String caption) {
        if (caption == null) {
            return Optional.empty();
        }
        String cleaned = clean(caption);
        if (cleaned.length() > MAX_LENGTH) {
            int cut = cleaned.lastIndexOf(' ', MAX_LENGTH);
            int end = cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH;
            // Never between the two halves of an emoji: a lone surrogate is no text a provider can read.
            if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
                end--;
            }
            cleaned = cleaned.substring(0, end).strip();
        }
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(new Wish(cleaned));
    }

    /** Control and format characters become spaces (so a newline cannot start a line of its own), runs of spaces one. */
    private static String clean(String raw) {
        var out = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || Character.isWhitespace(c) || Character.isSpaceChar(c);
            out.appendCodePoint(invisible ? ' ' : c);
        });
        return out.toString().replaceAll(" {2,}", " ").strip();
    }
}
