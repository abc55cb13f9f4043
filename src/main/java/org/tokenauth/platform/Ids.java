package org.tokenauth.platform;

import java.util.regex.Pattern;

/** Ids are lower-case UUID strings; anything else in a path cannot name a resource (404, no query). */
public final class Ids {

    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ids() {
    }

    public static boolean wellFormed(String id) {
        return id != null && UUID_SHAPE.matcher(id).matches();
    }
}
