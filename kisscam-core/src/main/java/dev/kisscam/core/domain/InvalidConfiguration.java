package dev.kisscam.core.domain;

import java.util.List;

/**
 * Every rule a configuration record breaks, each in words an operator can act on, naming the variable to change
 * and never quoting a secret. The core's settings and every adapter's configuration throw this one type, so the
 * program collects all problems of all records the same way.
 */
public final class InvalidConfiguration extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidConfiguration(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
