package io.jwtgate.login;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which repeated events of one key are stored: the first of a window is, later ones within it are
 * only counted, and the count goes out with the key's next stored event (the first after the
 * window). A flood is one stored event per key and window, so no client can fill the audit table.
 *
 * <p>Memory is bounded: at most {@code maxKeys} keys; when full, ended windows are dropped first,
 * then all. A count dropped that way, or whose key never comes again, is not stored; it is logged
 * when dropped. Each node counts on its own.
 */
final class EventWindows {

    private static final System.Logger LOG = System.getLogger("io.jwtgate.audit");

    /** Returned by {@link #open} for an event that was only counted. */
    static final long COUNTED = -1;

    private record Window(long start, long suppressed) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long windowMillis;
    private final int maxKeys;
    private final String what;

    /** @param what the events, for the log line when counts are dropped (e.g. "Basic login failures") */
    EventWindows(Clock clock, Duration window, int maxKeys, String what) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.maxKeys = maxKeys;
        this.what = what;
    }

    /**
     * One event of {@code key}.
     *
     * @return {@link #COUNTED} when the event falls in the key's open window and is only counted;
     *     otherwise the event opens a window and is to be stored, and this is the count of the
     *     window that ended (0 for a new key)
     */
    long open(String key) {
        long now = clock.millis();
        if (windows.size() >= maxKeys && !windows.containsKey(key)) {
            makeRoom(now);
        }
        long[] reported = {COUNTED};
        windows.compute(key, (k, w) -> {
            if (w == null || ended(w, now)) {
                reported[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0);
            }
            return new Window(w.start(), w.suppressed() + 1);
        });
        return reported[0];
    }

    /** A window ends after its length, or at once when the clock went back before its start. */
    private boolean ended(Window w, long now) {
        return now - w.start() >= windowMillis || now < w.start();
    }

    private synchronized void makeRoom(long now) {
        if (windows.size() < maxKeys) {
            return;
        }
        long[] dropped = {0};
        windows.entrySet().removeIf(e -> {
            if (ended(e.getValue(), now)) {
                dropped[0] += e.getValue().suppressed();
                return true;
            }
            return false;
        });
        if (windows.size() >= maxKeys) {
            // Every key is within its window: a spray of names or addresses. Forgetting them all
            // costs at most one more stored event per key; keeping them would stop the counting.
            for (Window w : windows.values()) {
                dropped[0] += w.suppressed();
            }
            windows.clear();
        }
        if (dropped[0] > 0) {
            LOG.log(Level.WARNING, "audit: {0} counted {1} dropped unreported to bound memory", dropped[0], what);
        }
    }
}
