package dev.kisscam.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseablesTest {
    private final List<String> closed = new ArrayList<>();
    private final Closeables closeables = new Closeables();

    private AutoCloseable named(String name) {
        return () -> closed.add(name);
    }

    @Test
    void closes_the_last_registered_first() {
        closeables.register(named("store"));
        closeables.register(named("client"));
        closeables.register(named("upkeep using both"));

        closeables.close();

        assertThat(closed).containsExactly("upkeep using both", "client", "store");
        assertThat(closeables.open()).isEmpty();
    }

    @Test
    void a_failure_to_close_one_does_not_keep_the_others_open() {
        closeables.register(named("store"));
        closeables.register(() -> {
            throw new IOException("disk gone");
        });

        closeables.close();

        assertThat(closed).containsExactly("store");
    }

    @Test
    void closes_each_once_however_often_it_is_closed() {
        closeables.register(named("store"));

        closeables.close();
        closeables.close();

        assertThat(closed).containsExactly("store");
    }

    @Test
    void what_is_made_after_the_end_is_closed_at_once_instead_of_leaking() {
        closeables.close();

        AutoCloseable late = named("late");
        assertThat(closeables.register(late)).isSameAs(late);
        assertThat(closed).containsExactly("late");
        assertThat(closeables.open()).isEmpty();
    }
}
