package dev.kisscam.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JpegBytesTest {

    @Test
    void finds_the_first_ff_wherever_it_lies_in_a_group_of_eight_and_whatever_is_around_it() {
        var random = new Random(7);
        for (int run = 0; run < 20_000; run++) {
            byte[] bytes = new byte[1 + random.nextInt(40)];
            // From an 0xFF in most bytes to one in a few hundred, as in compressed data.
            int oneIn = 1 + random.nextInt(random.nextBoolean() ? 8 : 300);
            for (int i = 0; i < bytes.length; i++) {
                // Values next to 0xFF (0xFE, 0x7F, 0x00, 0x01) are where a carry or a sign would go wrong.
                int[] tricky = {0x00, 0x01, 0x7F, 0x80, 0xFE, random.nextInt(255)};
                bytes[i] = random.nextInt(oneIn) == 0 ? (byte) 0xFF : (byte) tricky[random.nextInt(tricky.length)];
            }
            int from = random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);

            assertThat(JpegBytes.nextFF(bytes, from, to)).as("run %d", run).isEqualTo(oneByOne(bytes, from, to));
        }
    }

    @Test
    void answers_the_end_when_there_is_no_ff_and_never_looks_past_it() {
        byte[] bytes = new byte[64];
        bytes[40] = (byte) 0xFF;

        assertThat(JpegBytes.nextFF(bytes, 0, 64)).isEqualTo(40);
        assertThat(JpegBytes.nextFF(bytes, 0, 40)).isEqualTo(40);
        assertThat(JpegBytes.nextFF(bytes, 41, 64)).isEqualTo(64);
        assertThat(JpegBytes.nextFF(bytes, 3, 3)).isEqualTo(3);
    }

    private static int oneByOne(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == (byte) 0xFF) {
                return i;
            }
        }
        return to;
    }
}
