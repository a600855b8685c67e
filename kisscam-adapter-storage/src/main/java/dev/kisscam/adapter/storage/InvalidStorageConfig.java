package dev.kisscam.adapter.storage;

import java.util.List;

/**
 * Every rule a {@link LocalStorageConfig} or {@link S3StorageConfig} breaks, each in words an operator can act
 * on, naming the variable to change. No problem quotes a key.
 */
public final class InvalidStorageConfig extends IllegalArgumentException {
    private final List<String> problems;

    InvalidStorageConfig(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
