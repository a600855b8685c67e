package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.Photo;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pictures made lately from single photos, so that a job's video submission reuses what its people
 * detection prepared a moment before instead of decoding and encoding the same photo again. Stored photos
 * never change, so an entry is never stale; the least recently used go once the total passes a byte budget.
 */
final class PreparedPictures {
    /** A few dozen photos' worth at the default side: a job's two calls are seconds apart. */
    static final long DEFAULT_BUDGET_BYTES = 16L * 1024 * 1024;

    private final long budgetBytes;
    private final Map<Photo, JpegImage> recent = new LinkedHashMap<>(16, 0.75f, true);
    private long totalBytes;

    PreparedPictures(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * The picture made from {@code photo}, made now by {@code prepare} when it is not at hand. Two threads
     * asking for the same photo at once may both prepare it: the same picture, so nothing but time is lost.
     */
    JpegImage of(Photo photo, Supplier<JpegImage> prepare) {
        synchronized (this) {
            JpegImage known = recent.get(photo);
            if (known != null) {
                return known;
            }
        }
        JpegImage made = prepare.get();
        synchronized (this) {
            if (recent.put(photo, made) == null) {
                totalBytes += made.bytes().length;
            }
            for (Iterator<JpegImage> eldest = recent.values().iterator(); totalBytes > budgetBytes && eldest.hasNext(); ) {
                totalBytes -= eldest.next().bytes().length;
                eldest.remove();
            }
        }
        return made;
    }

    @Override
    public synchronized String toString() {
        return "PreparedPictures[" + recent.size() + " pictures, " + totalBytes + " bytes]";
    }
}
