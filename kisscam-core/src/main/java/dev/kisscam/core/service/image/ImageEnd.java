package dev.kisscam.core.service.image;

import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.JpegBytes;

/**
 * Watches an image's bytes go by and tells whether the file ended where its format says it ends, so a
 * truncated upload is refused without decoding it. Fed every byte once, in order.
 */
sealed interface ImageEnd {

    void feed(byte[] buffer, int offset, int length);

    /** Whether the format's end (JPEG's EOI, PNG's IEND chunk, the RIFF size) was reached. */
    boolean reached();

    static ImageEnd of(ImageFormat format) {
        return switch (format) {
            case JPEG -> new JpegEnd();
            case PNG -> new PngEnd();
            case WEBP -> new RiffEnd();
        };
    }

    /**
     * Walks the marker segments and the entropy-coded data: an EOI marker counts only where a marker can
     * stand, so the EOI of an EXIF thumbnail (inside an APP1 segment) is skipped over, and a file cut inside
     * its scan data is caught. Progressive files with many scans are followed the same way.
     */
    final class JpegEnd implements ImageEnd {
        private enum State { SOI_FF, SOI_D8, MARKER_FF, MARKER, LENGTH_HIGH, LENGTH_LOW, SKIP, SCAN, SCAN_FF, END, BROKEN }

        private State state = State.SOI_FF;
        private int marker;
        private int length;
        private long skip;
        private boolean scanFollows;

        @Override
        public void feed(byte[] buffer, int offset, int count) {
            for (int i = offset; i < offset + count && state != State.END && state != State.BROKEN; i++) {
                int b = buffer[i] & 0xff;
                if (state == State.SKIP) {
                    long n = Math.min(skip, offset + count - i);
                    skip -= n;
                    i += (int) n - 1;
                    if (skip == 0) {
                        state = scanFollows ? State.SCAN : State.MARKER_FF;
                    }
                    continue;
                }
                if (state == State.SCAN) {
                    // Compressed data: nothing but an 0xFF can change the state, so go straight to the next one.
                    i = JpegBytes.nextFF(buffer, i, offset + count);
                    if (i == offset + count) {
                        break;
                    }
                    b = 0xff;
                }
                step(b);
            }
        }

        private void step(int b) {
            switch (state) {
                case SOI_FF -> state = b == 0xff ? State.SOI_D8 : State.BROKEN;
                case SOI_D8 -> state = b == 0xd8 ? State.MARKER_FF : State.BROKEN;
                case MARKER_FF -> state = b == 0xff ? State.MARKER : State.MARKER_FF;
                case MARKER -> marker(b);
                case LENGTH_HIGH -> {
                    length = b << 8;
                    state = State.LENGTH_LOW;
                }
                case LENGTH_LOW -> {
                    length |= b;
                    skip = Math.max(0, length - 2);
                    scanFollows = marker == 0xda;
                    state = skip == 0 ? (scanFollows ? State.SCAN : State.MARKER_FF) : State.SKIP;
                }
                case SCAN -> state = b == 0xff ? State.SCAN_FF : State.SCAN;
                case SCAN_FF -> {
                    if (b == 0x00 || b >= 0xd0 && b <= 0xd7) {
                        state = State.SCAN; // a stuffed 0xFF or a restart marker: still scan data
                    } else if (b != 0xff) {
                        marker(b);
                    }
                }
                case SKIP, END, BROKEN -> { }
            }
        }

        private void marker(int b) {
            if (b == 0xff) {
                state = State.MARKER;
            } else if (b == 0xd9) {
                state = State.END;
            } else if (b == 0x01 || b >= 0xd0 && b <= 0xd8) {
                state = State.MARKER_FF;
            } else {
                marker = b;
                state = State.LENGTH_HIGH;
            }
        }

        @Override
        public boolean reached() {
            return state == State.END;
        }
    }

    /** Follows the chunk lengths to the IEND chunk and its CRC. */
    final class PngEnd implements ImageEnd {
        private long position;
        private long chunkStart = 8;
        private long chunkLength;
        private final byte[] header = new byte[8];
        private boolean ended;

        @Override
        public void feed(byte[] buffer, int offset, int count) {
            for (int i = offset; i < offset + count && !ended; ) {
                long inChunk = position - chunkStart;
                if (position < 8) {
                    position++;
                    i++;
                } else if (inChunk < 8) {
                    header[(int) inChunk] = buffer[i];
                    position++;
                    i++;
                    if (inChunk == 7) {
                        chunkLength = (header[0] & 0xffL) << 24 | (header[1] & 0xffL) << 16
                                | (header[2] & 0xffL) << 8 | header[3] & 0xffL;
                    }
                } else {
                    long chunkEnd = chunkStart + 8 + chunkLength + 4;
                    long n = Math.min(chunkEnd - position, offset + count - i);
                    position += n;
                    i += (int) n;
                    if (position == chunkEnd) {
                        ended = header[4] == 'I' && header[5] == 'E' && header[6] == 'N' && header[7] == 'D';
                        chunkStart = chunkEnd;
                    }
                }
            }
        }

        @Override
        public boolean reached() {
            return ended;
        }
    }

    /** A RIFF file says its own length in bytes 4..7. */
    final class RiffEnd implements ImageEnd {
        private final byte[] size = new byte[4];
        private long position;

        @Override
        public void feed(byte[] buffer, int offset, int count) {
            for (int i = 0; i < count && position + i < 8; i++) {
                long at = position + i;
                if (at >= 4) {
                    size[(int) at - 4] = buffer[offset + i];
                }
            }
            position += count;
        }

        @Override
        public boolean reached() {
            long declared = (size[3] & 0xffL) << 24 | (size[2] & 0xffL) << 16 | (size[1] & 0xffL) << 8 | size[0] & 0xffL;
            return position >= 8 && position >= declared + 8;
        }
    }
}
