package dev.kisscam.adapter.sql;

import java.util.List;

/** Every rule a {@link SqlConfig} breaks, in words an operator can act on; never quoting a password. */
public final class InvalidSqlConfig extends IllegalArgumentException {
    private final List<String> problems;

    InvalidSqlConfig(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
