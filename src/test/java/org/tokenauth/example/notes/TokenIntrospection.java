package org.tokenauth.example.notes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks token-auth whether an API token is live: OAuth 2.0 Token Introspection (RFC 7662),
 * {@code POST /api/auth/introspect} with {@code token=…}, authenticated with this service's own API
 * token, which an administrator made with the scope {@code tokens:introspect}.
 *
 * <p>Answers are remembered for {@code notes.introspection.cache-seconds} (default 5), and no longer
 * than the token's own {@code exp}. The time is short on purpose: it is how long a token that its
 * owner revoked (or whose owner was disabled, or lost a group) still works here. A few seconds take
 * nearly all the calls off token-auth when a client sends a burst of requests, and keep revocation
 * almost as prompt as on token-auth itself. Refusals are remembered too: token-auth throttles a
 * service whose inactive answers pile up (it could be guessing tokens), so a client that repeats a
 * bad token must not cost a call each time. The memory is bounded ({@code
 * notes.introspection.cache-size}); the oldest entry goes first. It is keyed by a hash of the token,
 * so that a heap dump shows no token.
 */
@ApplicationScoped
public class TokenIntrospection {

    /** What this service needs from an answer; inactive for anything token-auth does not vouch for. */
    public record Verdict(boolean active, String username, Set<String> groups, Instant expiresAt) {

        static final Verdict INACTIVE = new Verdict(false, null, Set.of(), null);
    }

    /** token-auth could not be asked, or refused to answer: the credential is neither good nor bad. */
    public static class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Remembered(Verdict verdict, Instant until) {
    }

    // HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade gains nothing for one small POST
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private URI endpoint;
    private String serviceToken;
    private Duration cacheTime;
    private Map<String, Remembered> remembered;

    protected TokenIntrospection() {
        // for CDI's proxy
    }

    @Inject
    public TokenIntrospection(@ConfigProperty(name = "notes.introspection.url") URI endpoint,
                              @ConfigProperty(name = "notes.introspection.token") String serviceToken,
                              @ConfigProperty(name = "notes.introspection.cache-seconds", defaultValue = "5") long cacheSeconds,
                              @ConfigProperty(name = "notes.introspection.cache-size", defaultValue = "10000") int cacheSize) {
        this.endpoint = endpoint;
        this.serviceToken = serviceToken;
        this.cacheTime = Duration.ofSeconds(cacheSeconds);
        this.remembered = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /**
     * The verdict on an API token, from memory if token-auth gave it less than the cache time ago.
     * Two requests with the same new token may both ask: harmless, and simpler than making one wait.
     */
    public Verdict inspect(String token) throws Unavailable {
        String key = hash(token);
        Instant now = Instant.now();
        synchronized (remembered) {
            Remembered known = remembered.get(key);
            if (known != null && now.isBefore(known.until())) {
                return known.verdict();
            }
        }
        Verdict verdict = ask(token);
        Instant until = now.plus(cacheTime);
        if (verdict.expiresAt() != null && verdict.expiresAt().isBefore(until)) {
            until = verdict.expiresAt();
        }
        synchronized (remembered) {
            remembered.remove(key); // re-inserted: the map's order is the order of the answers
            remembered.put(key, new Remembered(verdict, until));
        }
        return verdict;
    }

    private Verdict ask(String token) throws Unavailable {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Token " + serviceToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&token_type_hint=api_token"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("token-auth cannot be reached at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking token-auth", e);
        }
        // 401/403: this service's own token is wrong or lacks tokens:introspect; 429: throttled; 5xx
        if (response.statusCode() != 200) {
            throw new Unavailable("token-auth answered the introspection with " + response.statusCode(), null);
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return verdict(reader.readObject());
        } catch (RuntimeException e) {
            throw new Unavailable("token-auth's introspection answer is not the expected JSON", e);
        }
    }

    /**
     * Active only for a live API token: under the {@code Token} scheme this service takes nothing else,
     * though introspection vouches for token-auth's access tokens too. The roles are {@code groups}:
     * for a scoped token, token-auth has already narrowed them to its scopes.
     */
    static Verdict verdict(JsonObject answer) {
        if (answer.get("active") != JsonValue.TRUE || !"api_token".equals(answer.getString("token_type", null))) {
            return Verdict.INACTIVE;
        }
        Set<String> groups = answer.getJsonArray("groups").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).collect(Collectors.toUnmodifiableSet());
        Instant expiresAt = answer.get("exp") instanceof JsonNumber exp ? Instant.ofEpochSecond(exp.longValue()) : null;
        return new Verdict(true, answer.getString("username"), groups, expiresAt);
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
