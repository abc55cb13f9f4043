package org.tokenauth.support;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** {@code /api/admin/...}: users and signing keys. */
public final class AdminClient {

    static final String USERS = "/api/admin/users";
    static final String KEYS = "/api/admin/keys";

    private final Api api;

    AdminClient(Api api) {
        this.api = api;
    }

    /** A page of users; null offset or limit leaves the parameter out. */
    public Api.Reply users(String offset, String limit, String... headers) {
        StringBuilder query = new StringBuilder();
        if (offset != null) {
            query.append(query.length() == 0 ? "?" : "&").append("offset=").append(offset);
        }
        if (limit != null) {
            query.append(query.length() == 0 ? "?" : "&").append("limit=").append(limit);
        }
        return api.get(USERS + query, headers);
    }

    public Api.Reply user(String id, String... headers) {
        return api.get(USERS + "/" + id, headers);
    }

    public Api.Reply patch(String id, JsonObject body, String... headers) {
        return patch(id, "application/json", body.toString(), headers);
    }

    public Api.Reply patch(String id, String contentType, String body, String... headers) {
        return api.send("PATCH", USERS + "/" + id, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Api.Reply rotateKey(String... headers) {
        return api.post(KEYS + "/rotate", null, headers);
    }

    public Api.Reply removeKey(String kid, String... headers) {
        return api.delete(KEYS + "/" + kid, headers);
    }

    /** A bearer header of the configured administrator, logged in now. */
    public String[] asAdministrator() {
        return Api.bearer(api.jwt().login(TestServers.ADMIN, TestServers.ADMIN_PASSWORD).getString("access_token"));
    }
}
