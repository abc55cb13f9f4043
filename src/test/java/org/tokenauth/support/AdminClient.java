package org.tokenauth.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code /api/admin/...}: users and signing keys. */
public final class AdminClient {

    public static final String USERS = "/api/admin/users";
    public static final String KEYS = "/api/admin/keys";

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

    /** Whatever text the test wants to send (malformed JSON, a wrong media type). */
    public Api.Reply patch(String id, String contentType, String body, String... headers) {
        return api.send("PATCH", USERS + "/" + id, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** {@code {"disabled": …}}. */
    public Api.Reply setDisabled(String id, boolean disabled, String... headers) {
        return patch(id, Json.createObjectBuilder().add("disabled", disabled).build(), headers);
    }

    /** {@code {"groups": […]}}: the groups besides {@code user}, which every account has. */
    public Api.Reply setGroups(String id, List<String> groups, String... headers) {
        return patch(id, Json.createObjectBuilder().add("groups", Json.createArrayBuilder(groups)).build(), headers);
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

    /** A {@code Token} header of the configured administrator: a new API token, made by password now. */
    public String[] asAdministratorWithApiToken() {
        return Api.token(api.tokens().create(TestServers.ADMIN, TestServers.ADMIN_PASSWORD).getString("token"));
    }
}
