package org.tokenauth.platform;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The one way the in-memory caches of verified credentials stay bounded: when full, the entries
 * that can no longer be used go, and if that is not enough, all of them (each is only a shortcut
 * past a check that can be made again).
 */
public final class BoundedMaps {

    private BoundedMaps() {
    }

    /** Makes room for one more entry in {@code map}, which is to hold at most {@code maxEntries}. */
    public static <V> void makeRoom(Map<?, V> map, int maxEntries, Predicate<? super V> expired) {
        if (map.size() >= maxEntries) {
            map.values().removeIf(expired);
            if (map.size() >= maxEntries) {
                map.clear();
            }
        }
    }
}
