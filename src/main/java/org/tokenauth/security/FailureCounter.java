package org.tokenauth.security;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Counts failures per key in a fixed window that opens with the first failure: after
 * {@code maxFailures} the key is blocked until the window ends. Memory stays bounded under a flood
 * of distinct keys: at most {@code capacity} keys are tracked, expired windows are dropped first and
 * then the least recently failed key. Nothing touches the database.
 */
public class FailureCounter {

    private static final class Window {
        final long startMillis;
        int failures;

        Window(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    private final int maxFailures;
    private final long windowMillis;
    private final int capacity;
    private final Clock clock;
    // access-ordered: the eldest entry is the one that failed least recently
    private final LinkedHashMap<String, Window> windows;

    public FailureCounter(int maxFailures, long windowMillis, int capacity, Clock clock) {
        if (maxFailures < 1 || windowMillis < 1 || capacity < 1) {
            throw new IllegalArgumentException("maxFailures, windowMillis and capacity must be positive");
        }
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.capacity = capacity;
        this.clock = clock;
        this.windows = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true);
    }

    /** Seconds until the key may try again, or empty when it is not blocked. */
    public synchronized OptionalLong blockedForSeconds(String key) {
        Window w = windows.get(key);
        long now = clock.millis();
        if (w == null) {
            return OptionalLong.empty();
        }
        long end = w.startMillis + windowMillis;
        if (now >= end) {
            windows.remove(key);
            return OptionalLong.empty();
        }
        return w.failures >= maxFailures ? OptionalLong.of(Math.max(1, (end - now + 999) / 1000)) : OptionalLong.empty();
    }

    public synchronized void recordFailure(String key) {
        long now = clock.millis();
        Window w = windows.get(key);
        if (w == null || now >= w.startMillis + windowMillis) {
            if (w == null && windows.size() >= capacity) {
                makeRoom(now);
            }
            w = new Window(now);
            windows.put(key, w);
        }
        w.failures++;
    }

    public synchronized void reset(String key) {
        windows.remove(key);
    }

    public synchronized int size() {
        return windows.size();
    }

    private void makeRoom(long now) {
        Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator();
        int scanned = 0;
        // drop expired windows among the least recently used, then the eldest if still full
        while (it.hasNext() && scanned++ < 64) {
            if (now >= it.next().getValue().startMillis + windowMillis) {
                it.remove();
            }
        }
        if (windows.size() >= capacity) {
            it = windows.entrySet().iterator();
            it.next();
            it.remove();
        }
    }
}
