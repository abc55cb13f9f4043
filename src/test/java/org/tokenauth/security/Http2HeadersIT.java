package org.tokenauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tokenauth.support.AccountsClient;
import org.tokenauth.support.Api;
import org.tokenauth.support.JwtClient;
import org.tokenauth.support.TestServers;

/**
 * Large Authorization headers over HTTP/2. Java's {@link HttpClient}, a usual client of the
 * enterprise services this API serves, upgrades plain-HTTP connections to HTTP/2 (h2c) by default
 * ({@link Api} asks for HTTP/1.1, so this class has a client of its own). Headers up to the
 * server's limit (16 KiB) reach the application, and a rejected credential gets the API's 401
 * problem over HTTP/2 as over HTTP/1.1; headers over the limit are refused by the server itself
 * (over HTTP/2 it resets the connection, as the contract allows where it cannot answer); and one
 * client's oversized header must never disturb other requests.
 *
 * <p>A class of its own, with a server of its own: when this fails, the server's HTTP/2 layer is left
 * in a state that fails unrelated requests (431 to plain requests on any connection), which must not
 * spill over into other tests. For the same reason the tests run in a fixed order, the ordinary case
 * first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Http2HeadersIT {

    final URL base = TestServers.shared().base();

    private static HttpClient http2() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> get(HttpClient client, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(new Api(base).uri(path)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new connection, upgraded to HTTP/2 by a first request. */
    private HttpClient upgradedClient() {
        HttpClient client = http2();
        HttpResponse<String> warmUp = get(client, JwtClient.JWKS);
        assertEquals(200, warmUp.statusCode(), warmUp.body());
        assertEquals(HttpClient.Version.HTTP_2, warmUp.version(), "the server upgrades to h2c");
        return client;
    }

    /** What is wrong with this answer to a request with a rejected credential, or null when it is the API's 401 problem. */
    private String not401Problem(HttpClient client, String what, String authorization) {
        try {
            HttpResponse<String> reply = get(client, AccountsClient.ME, "Authorization", authorization);
            String type = reply.headers().firstValue("Content-Type").orElse("");
            if (reply.statusCode() != 401 || !type.startsWith("application/problem+json")) {
                return what + ": " + reply.statusCode() + " <" + type + "> <" + reply.body() + ">";
            }
            return null;
        } catch (UncheckedIOException e) {
            return what + ": the request failed: " + e.getCause();
        }
    }

    private String notOk(HttpClient client, String what) {
        try {
            HttpResponse<String> reply = get(client, JwtClient.JWKS);
            return reply.statusCode() == 200 ? null : what + ": " + reply.statusCode() + " <" + reply.body() + ">";
        } catch (UncheckedIOException e) {
            return what + ": failed: " + e.getCause();
        }
    }

    @Test
    @Order(3)
    void largeAuthorizationHeadersUnderTheLimitOverHttp2Get401Problems() {
        List<String> problems = new ArrayList<>();
        for (int kb : new int[] {5, 10}) {
            for (String scheme : List.of("Token ", "Bearer ")) {
                HttpClient client = upgradedClient();
                String what = scheme + kb + " KB";
                add(problems, not401Problem(client, what, scheme + "A".repeat(kb * 1024)));
                add(problems, notOk(client, what + ", then a plain request on the same connection"));
            }
        }
        assertTrue(problems.isEmpty(), "over HTTP/2:\n" + String.join("\n", problems));
    }

    @Test
    @Order(4)
    void headersOverTheLimitOverHttp2AreRefusedByTheServerAndHarmNoOneElse() {
        List<String> problems = new ArrayList<>();
        for (String scheme : List.of("Token ", "Bearer ")) {
            HttpClient client = upgradedClient();
            String what = scheme + "64 KB";
            try {
                HttpResponse<String> reply = get(client, AccountsClient.ME, "Authorization", scheme + "A".repeat(64 * 1024));
                if (reply.statusCode() != 400 && reply.statusCode() != 431) {
                    problems.add(what + ": " + reply.statusCode() + " <" + reply.body() + ">, not 400 or 431");
                }
            } catch (UncheckedIOException reset) {
                // the server resets the HTTP/2 connection: it could not answer, and did not serve the request
            }
            add(problems, notOk(upgradedClient(), what + ", then a plain request on a new connection"));
        }
        assertTrue(problems.isEmpty(), "over HTTP/2:\n" + String.join("\n", problems));
    }

    @Test
    @Order(2)
    void oneClientsOversizedHeaderNeverDisturbsOtherConnections() {
        HttpClient bystander = upgradedClient();
        List<String> problems = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            HttpClient attacker = upgradedClient();
            try {
                get(attacker, AccountsClient.ME, "Authorization", "Token " + "A".repeat((5 + round) * 1024));
            } catch (UncheckedIOException ignored) {
                // what the attacker gets is the other test's business
            }
            for (int i = 0; i < 3; i++) {
                add(problems, notOk(bystander, "round " + round + ", bystander request " + i));
                add(problems, notOk(upgradedClient(), "round " + round + ", new client " + i));
            }
        }
        assertTrue(problems.isEmpty(), "after another connection sent an oversized header:\n" + String.join("\n", problems));
    }

    @Test
    @Order(1)
    void ordinaryRejectedCredentialsOverHttp2Get401Problems() {
        HttpClient client = upgradedClient();
        List<String> problems = new ArrayList<>();
        for (String authorization : List.of("Token tka_x", "Token ", "Bearer not.a.jwt", "Basic YTpi")) {
            add(problems, not401Problem(client, "<" + authorization + ">", authorization));
            add(problems, notOk(client, "<" + authorization + ">, then a plain request on the same connection"));
        }
        assertTrue(problems.isEmpty(), "over HTTP/2:\n" + String.join("\n", problems));
    }

    private static void add(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
