package dev.kisscam.core.service.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.testing.GenerationSlotsContract;
import org.junit.jupiter.api.Test;

class LocalGenerationSlotsTest extends GenerationSlotsContract {

    @Override
    protected GenerationSlots withSlots(int size) {
        return new LocalGenerationSlots(size);
    }

    @Test
    void there_is_at_least_one_slot() {
        assertThatThrownBy(() -> new LocalGenerationSlots(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
