package org.tokenauth.platform;

import jakarta.json.spi.JsonProvider;

/**
 * One JSON-P provider for the hot paths. {@code Json.createReader(...)} and friends look the
 * provider up through the ServiceLoader on every call, which costs more than the parsing itself.
 */
public final class JsonP {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonP() {
    }
}
