package org.tokenauth.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A small HTTP client for the API, as an outside caller sees it. */
public final class Api {

    /** A response, with its body as text and, where it is JSON, parsed. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public JsonArray jsonArray() {
            return Json.createReader(new StringReader(body)).readArray();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        /** The comma-separated values of a header, over all its occurrences ({@code Vary}, {@code Cache-Control}...). */
        public Set<String> headerValues(String name) {
            return headers.allValues(name).stream().flatMap(v -> Arrays.stream(v.split(",")))
                    .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static final String PASSWORD = "correct horse battery staple";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            // HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade stalls when the server answers before reading a body
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;

    public Api(URL base) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Reply send(String method, String path, String contentType, byte[] body, String... headers) {
        return stream(method, path, contentType, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body),
                headers);
    }

    /** A request whose body the publisher gives; one of unknown length goes chunked. */
    public Reply stream(String method, String path, String contentType, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST of this JSON; of no body and no {@code Content-Type} when {@code json} is null (logout, a key rotation). */
    public Reply post(String path, JsonStructure json, String... headers) {
        if (json == null) {
            return send("POST", path, null, null, headers);
        }
        return send("POST", path, "application/json", json.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    public Reply postRaw(String path, String contentType, String body, String... headers) {
        return send("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Reply delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    /** {@code OPTIONS}, as a browser's CORS preflight sends it (the Origin and Access-Control-Request-* headers are the caller's). */
    public Reply options(String path, String... headers) {
        return send("OPTIONS", path, null, null, headers);
    }

    /** A fresh unique username, so that tests never depend on each other's users. */
    public static String uniqueName(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Registration and the caller's own account: {@code /api/auth/register}, {@code /api/me}. */
    public AccountsClient accounts() {
        return new AccountsClient(this);
    }

    /** {@code /api/auth/tokens}. */
    public ApiTokensClient tokens() {
        return new ApiTokensClient(this);
    }

    /** {@code /api/auth/jwt}, {@code /api/auth/logout}, {@code /api/auth/jwks}. */
    public JwtClient jwt() {
        return new JwtClient(this);
    }

    /** {@code /api/admin/...}. */
    public AdminClient admin() {
        return new AdminClient(this);
    }

    /** What an operator reads: {@code /health}, {@code /metrics}, {@code /openapi}. */
    public OperationsClient operations() {
        return new OperationsClient(this);
    }

    /** Registers a user with {@link #PASSWORD}; returns the 201 body. */
    public JsonObject register(String username) {
        return accounts().register(username);
    }

    /** Makes an API token by password and returns the whole 201 body. */
    public JsonObject createToken(String username, String password) {
        return tokens().create(username, password);
    }

    /** {@code {"username": …, "password": …}}, as a login or a token request sends it. */
    public static JsonObject credentials(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build();
    }

    public static String[] token(String secret) {
        return new String[] {"Authorization", "Token " + secret};
    }

    public static String[] bearer(String jwt) {
        return new String[] {"Authorization", "Bearer " + jwt};
    }

    /** Text percent-encoded for a path segment or a query value (a space as {@code %20}, not {@code +}). */
    public static String urlEncoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }
}
