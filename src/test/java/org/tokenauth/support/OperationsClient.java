package org.tokenauth.support;

/** What an operator reads, outside {@code /api}: health, metrics and the OpenAPI document. */
public final class OperationsClient {

    public static final String HEALTH = "/health";
    public static final String READY = HEALTH + "/ready";
    public static final String LIVE = HEALTH + "/live";
    public static final String METRICS = "/metrics";
    public static final String OPENAPI = "/openapi";

    private final Api api;

    OperationsClient(Api api) {
        this.api = api;
    }

    public Api.Reply health(String... headers) {
        return api.get(HEALTH, headers);
    }

    public Api.Reply ready(String... headers) {
        return api.get(READY, headers);
    }

    public Api.Reply live(String... headers) {
        return api.get(LIVE, headers);
    }

    /** The metrics in the Prometheus text format. */
    public Api.Reply metrics() {
        return api.get(METRICS, "Accept", "text/plain");
    }

    /** The document in the format the headers ask for (YAML unless {@code Accept} says JSON). */
    public Api.Reply openApi(String... headers) {
        return api.get(OPENAPI, headers);
    }

    /** The document in the format the {@code format} query parameter names ({@code JSON}, {@code YAML}). */
    public Api.Reply openApiAs(String format) {
        return api.get(OPENAPI + "?format=" + format);
    }
}
