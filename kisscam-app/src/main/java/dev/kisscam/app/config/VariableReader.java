package dev.kisscam.app.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values from the environment and notes every value that is not of its type, instead of stopping at
 * the first. A variable that is unset or blank reads as empty: whoever owns it supplies the default. What values
 * are allowed is for the owner to say, except where a method here takes the range.
 */
final class VariableReader {
    private final Map<String, String> values;
    private final Set<String> known;
    private final List<String> problems = new ArrayList<>();

    /** @param known every variable the program documents; reading another is a mistake in the program */
    VariableReader(Map<String, String> values, Set<String> known) {
        this.values = Map.copyOf(values);
        this.known = Set.copyOf(known);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    void problem(String problem) {
        problems.add(problem);
    }

    /** Notes what a configuration record refused, and reads as nothing. */
    <T> Optional<T> refused(List<String> recordProblems) {
        problems.addAll(recordProblems);
        return Optional.empty();
    }

    Optional<String> text(String name) {
        if (!known.contains(name)) {
            throw new IllegalArgumentException(name + " is not a documented variable");
        }
        return Optional.ofNullable(values.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    Optional<Integer> integer(String name) {
        return parsed(name, Integer::valueOf, "a whole number");
    }

    /** A whole number the program itself bounds: no adapter owns the variable. */
    Optional<Integer> integer(String name, int min, int max) {
        Optional<Integer> number = integer(name);
        if (number.isPresent() && (number.get() < min || number.get() > max)) {
            problems.add(name + " must be between " + min + " and " + max + ", was " + number.get());
            return Optional.empty();
        }
        return number;
    }

    /** A decimal number, such as an amount of USD. */
    Optional<BigDecimal> decimal(String name) {
        return parsed(name, BigDecimal::new, "a number");
    }

    /** Seconds, decimals allowed. */
    Optional<Duration> seconds(String name) {
        return parsed(name, value -> Duration.ofNanos(new BigDecimal(value).movePointRight(9).longValueExact()),
                "a number of seconds (decimals allowed)");
    }

    /** Any well-formed URI; which schemes and parts are allowed is for the variable's owner to check. */
    Optional<URI> url(String name) {
        return parsed(name, value -> {
            try {
                return new URI(value);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        }, "an http(s) URL");
    }

    Optional<Path> path(String name) {
        return parsed(name, Path::of, "a file system path");
    }

    /** One of {@code allowed}, in any case; {@code byDefault} when unset. */
    Optional<String> oneOf(String name, List<String> allowed, String byDefault) {
        String value = text(name).orElse(byDefault);
        Optional<String> word = allowed.stream().filter(value::equalsIgnoreCase).findFirst();
        if (word.isEmpty()) {
            problems.add(name + " must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
        }
        return word;
    }

    /** Empty both when unset and when not of its type; only the latter is a problem. */
    private <T> Optional<T> parsed(String name, Function<String, T> parse, String type) {
        return text(name).flatMap(value -> {
            try {
                return Optional.of(parse.apply(value));
            } catch (IllegalArgumentException | ArithmeticException e) {
                problems.add(name + " must be " + type + ", was '" + value + "'");
                return Optional.empty();
            }
        });
    }
}
