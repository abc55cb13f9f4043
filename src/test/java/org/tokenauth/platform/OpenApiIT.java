package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;

/**
 * The OpenAPI document that {@code /openapi} serves: parsed with a real OpenAPI parser, valid, and
 * describing every operation of the HTTP contract (shared/API.md) with its statuses, both credential
 * schemes, and problem+json errors.
 */
class OpenApiIT {

    /** An operation of API.md, with the statuses the contract names for it (success first). */
    record Op(String method, String path, Set<Integer> statuses) {

        static Op of(String method, String path, Integer... statuses) {
            return new Op(method, path, Set.of(statuses));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * Every operation of shared/API.md ("Endpoints"), written down from the contract, not from the
     * document under test. Body-taking operations also answer 413 (over 64 KiB) and 415 (not JSON),
     * as API.md's "General" section says.
     */
    static final List<Op> API_MD = List.of(
            Op.of("POST", "/api/auth/register", 201, 400, 409, 413, 415),
            Op.of("POST", "/api/auth/tokens", 201, 400, 401, 413, 415, 429),
            Op.of("GET", "/api/auth/tokens", 200, 401),
            Op.of("DELETE", "/api/auth/tokens/{id}", 204, 401, 404),
            Op.of("DELETE", "/api/auth/tokens", 204, 401),
            Op.of("POST", "/api/auth/jwt", 200, 400, 401, 413, 415, 429),
            Op.of("POST", "/api/auth/jwt/refresh", 200, 400, 401, 413, 415),
            Op.of("POST", "/api/auth/logout", 204, 401),
            Op.of("GET", "/api/auth/jwks", 200),
            Op.of("GET", "/api/me", 200, 401),
            Op.of("PUT", "/api/me/password", 204, 400, 401, 413, 415),
            Op.of("GET", "/api/admin/users", 200, 400, 401, 403),
            Op.of("GET", "/api/admin/users/{id}", 200, 401, 403, 404),
            Op.of("PATCH", "/api/admin/users/{id}", 200, 400, 401, 403, 404, 413, 415),
            Op.of("POST", "/api/admin/keys/rotate", 201, 401, 403));

    /** API.md's public operations: no credential. */
    static final Set<String> PUBLIC = Set.of("POST /api/auth/register", "POST /api/auth/jwt",
            "POST /api/auth/jwt/refresh", "GET /api/auth/jwks");

    /** Password in the body, or either credential in the header. */
    static final String EITHER = "POST /api/auth/tokens";

    /**
     * Payara Micro 6.2025.10 adds a top-level {@code endpoints} map (context root to paths) to every
     * document it serves, which OpenAPI 3.0 does not allow (extensions must start with {@code x-});
     * later Payara versions call it {@code x-endpoints}. This parser message, and only this one, is
     * Payara's, not the document's.
     */
    static final String PAYARA_ENDPOINTS_MESSAGE = "attribute endpoints is unexpected";

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    final Api api = TestServers.shared().api();

    @Test
    void servesOurDocumentAsValidYamlAndJson() {
        Api.Reply yaml = api.operations().openApi();
        assertEquals(200, yaml.status(), yaml.toString());
        OpenAPI fromYaml = parseServed(yaml.body());
        assertEquals("token-auth", fromYaml.getInfo().getTitle(), "the static document, not a generated one");
        assertEquals("1", fromYaml.getInfo().getVersion());
        assertEquals("3.0.3", fromYaml.getOpenapi());
        assertEquals("/", fromYaml.getServers().get(0).getUrl());

        Api.Reply json = api.operations().openApi("Accept", "application/json");
        assertEquals(200, json.status(), json.toString());
        assertTrue(json.contentType().startsWith("application/json"), json.contentType());
        assertEquals("token-auth", json.json().getJsonObject("info").getString("title"));
        OpenAPI fromJson = parseServed(json.body());
        assertEquals(fromYaml.getPaths().keySet(), fromJson.getPaths().keySet());
        assertEquals(fromYaml.getComponents().getSchemas().keySet(), fromJson.getComponents().getSchemas().keySet());

        Api.Reply formatJson = api.operations().openApiAs("JSON");
        assertEquals(200, formatJson.status(), formatJson.toString());
        assertEquals("token-auth", formatJson.json().getJsonObject("info").getString("title"));
    }

    @Test
    void theShippedFileIsStrictlyValidAndIsWhatIsServed() throws IOException {
        SwaggerParseResult shipped = parse(shippedFile());
        assertEquals(List.of(), messages(shipped), "openapi.yaml in the WAR must be valid OpenAPI");
        OpenAPI served = parseServed(api.operations().openApi().body());
        assertEquals(shipped.getOpenAPI().getPaths().keySet(), served.getPaths().keySet(),
                "annotation scanning must add no paths");
        assertEquals(shipped.getOpenAPI().getComponents().getSchemas().keySet(), served.getComponents().getSchemas().keySet(),
                "annotation scanning must add no schemas");
    }

    @Test
    void describesEveryOperationOfTheContractWithItsStatuses() {
        OpenAPI doc = served();
        List<String> missing = new ArrayList<>();
        for (Op op : API_MD) {
            Operation operation = operation(doc, op);
            if (operation == null) {
                missing.add(op + " (operation)");
                continue;
            }
            for (int status : op.statuses()) {
                if (operation.getResponses() == null || !operation.getResponses().containsKey(Integer.toString(status))) {
                    missing.add(op + " " + status);
                }
            }
        }
        assertEquals(List.of(), missing, "described in API.md but not in /openapi");

        for (Op op : API_MD) {
            if (op.path().contains("{id}")) {
                assertTrue(parameters(doc, op).stream().anyMatch(p -> "id".equals(p.getName()) && "path".equals(p.getIn())
                        && Boolean.TRUE.equals(p.getRequired())), op + " declares the path parameter id");
            }
        }
    }

    @Test
    void describesBothCredentialSchemesAndWhichOperationsNeedThem() {
        OpenAPI doc = served();
        Map<String, SecurityScheme> schemes = doc.getComponents().getSecuritySchemes();
        SecurityScheme bearer = schemes.get("bearer");
        assertNotNull(bearer, "security scheme bearer");
        assertEquals(SecurityScheme.Type.HTTP, bearer.getType());
        assertEquals("bearer", bearer.getScheme());
        assertEquals("JWT", bearer.getBearerFormat());
        SecurityScheme apiToken = schemes.get("apiToken");
        assertNotNull(apiToken, "security scheme apiToken");
        assertEquals(SecurityScheme.Type.APIKEY, apiToken.getType());
        assertEquals(SecurityScheme.In.HEADER, apiToken.getIn());
        assertEquals("Authorization", apiToken.getName());
        assertTrue(apiToken.getDescription().contains("Token <api token>"), apiToken.getDescription());
        assertTrue(doc.getSecurity() == null || doc.getSecurity().isEmpty(), "no global requirement: public operations stay public");

        for (Op op : API_MD) {
            List<SecurityRequirement> security = described(doc, op).getSecurity();
            Set<Set<String>> alternatives = security == null ? Set.of()
                    : security.stream().map(r -> Set.copyOf(r.keySet())).collect(Collectors.toSet());
            if (PUBLIC.contains(op.toString())) {
                assertTrue(alternatives.isEmpty() || alternatives.contains(Set.of()), op + " is public: " + alternatives);
            } else if (EITHER.equals(op.toString())) {
                assertEquals(Set.of(Set.of(), Set.of("bearer"), Set.of("apiToken")), alternatives, op.toString());
            } else {
                assertEquals(Set.of(Set.of("bearer"), Set.of("apiToken")), alternatives, op + " accepts either credential");
            }
        }
    }

    /** Every error (4xx and 5xx) of every operation of API.md is problem+json; 401 and 429 name their headers. */
    @Test
    void errorsAreProblemJsonWithTheirHeaders() {
        OpenAPI doc = served();
        List<String> wrong = new ArrayList<>();
        for (Op op : API_MD) {
            for (Map.Entry<String, ApiResponse> entry : described(doc, op).getResponses().entrySet()) {
                int status = Integer.parseInt(entry.getKey());
                ApiResponse response = entry.getValue();
                if (status < 400) {
                    continue;
                }
                Map<String, MediaType> content = response.getContent();
                if (content == null || !content.keySet().equals(Set.of("application/problem+json"))) {
                    wrong.add(op + " " + status + " is not application/problem+json only: "
                            + (content == null ? null : content.keySet()));
                } else if (!isProblem(content.get("application/problem+json").getSchema())) {
                    wrong.add(op + " " + status + " has no problem schema");
                }
                if (status == 401 && (response.getHeaders() == null || !response.getHeaders().containsKey("WWW-Authenticate"))) {
                    wrong.add(op + " 401 without WWW-Authenticate");
                }
                if (status == 429 && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
                    wrong.add(op + " 429 without Retry-After");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void schemasUseTheWireNames() {
        OpenAPI doc = served();
        Schema<?> me = successSchema(doc, "GET", "/api/me", "200");
        assertTrue(me.getProperties().keySet().containsAll(List.of("id", "username", "email", "groups", "created_at", "auth")),
                "GET /api/me: " + me.getProperties().keySet());
        assertTrue(me.getProperties().get("auth").getProperties().keySet()
                .containsAll(List.of("method", "expires_at", "token_id", "session_id")));

        Parameter limit = parameters(doc, Op.of("GET", "/api/admin/users")).stream()
                .filter(p -> "limit".equals(p.getName())).findFirst().orElseThrow();
        assertEquals("query", limit.getIn());
        assertEquals(500, limit.getSchema().getMaximum().intValue());
        assertTrue(parameters(doc, Op.of("GET", "/api/admin/users")).stream()
                .anyMatch(p -> "offset".equals(p.getName()) && "query".equals(p.getIn())));

        List<String> notSnake = new ArrayList<>();
        doc.getComponents().getSchemas().forEach((name, schema) -> collectNonSnake(name, schema, notSnake));
        assertEquals(List.of(), notSnake, "JSON-B writes snake_case: no camelCase property may be documented");
    }

    /** The document and the server agree: real responses have exactly the documented fields. */
    @Test
    void documentedShapesMatchRealResponses() {
        OpenAPI doc = served();
        String name = Api.uniqueName("oa");

        JsonObject user = api.register(name);
        assertEquals(documented(successSchema(doc, "POST", "/api/auth/register", "201")), user.keySet());

        JsonObject issued = api.createToken(name, Api.PASSWORD);
        assertEquals(documented(successSchema(doc, "POST", "/api/auth/tokens", "201")), issued.keySet());
        String[] token = Api.token(issued.getString("token"));

        Api.Reply me = api.accounts().me(token);
        assertEquals(200, me.status(), me.toString());
        Schema<?> meSchema = successSchema(doc, "GET", "/api/me", "200");
        assertEquals(documented(meSchema), me.json().keySet());
        Set<String> auth = me.json().getJsonObject("auth").keySet();
        assertTrue(documented(meSchema.getProperties().get("auth")).containsAll(auth), auth.toString());
        assertTrue(auth.containsAll(meSchema.getProperties().get("auth").getRequired()), auth.toString());

        Api.Reply tokens = api.tokens().list(token);
        assertEquals(200, tokens.status(), tokens.toString());
        Schema<?> tokenInfo = successSchema(doc, "GET", "/api/auth/tokens", "200").getItems();
        assertEquals(documented(tokenInfo), tokens.jsonArray().getJsonObject(0).keySet());

        Api.Reply pair = api.jwt().tryLogin(name, Api.PASSWORD);
        assertEquals(200, pair.status(), pair.toString());
        assertEquals(documented(successSchema(doc, "POST", "/api/auth/jwt", "200")), pair.json().keySet());

        Api.Reply jwks = api.jwt().jwks();
        Schema<?> jwk = successSchema(doc, "GET", "/api/auth/jwks", "200").getProperties().get("keys").getItems();
        assertEquals(documented(jwk), jwks.json().getJsonArray("keys").getJsonObject(0).keySet());

        Api.Reply invalid = api.accounts().register(Json.createObjectBuilder().add("username", name).build());
        assertEquals(400, invalid.status(), invalid.toString());
        assertTrue(invalid.contentType().startsWith("application/problem+json"), invalid.contentType());
        Schema<?> problem = doc.getComponents().getSchemas().get("Problem");
        assertEquals(documented(problem), invalid.json().keySet());
        assertEquals(documented(problem.getProperties().get("errors").getItems()),
                invalid.json().getJsonArray("errors").getJsonObject(0).keySet());
    }

    // --- helpers

    private OpenAPI served() {
        Api.Reply reply = api.operations().openApi();
        assertEquals(200, reply.status(), reply.toString());
        return parseServed(reply.body());
    }

    /** Parses what Payara serves: valid but for Payara's own {@code endpoints} field. */
    private static OpenAPI parseServed(String text) {
        SwaggerParseResult result = parse(text);
        List<String> messages = messages(result).stream().filter(m -> !m.equals(PAYARA_ENDPOINTS_MESSAGE)).toList();
        assertEquals(List.of(), messages, "the served document must be valid OpenAPI");
        assertNotNull(result.getOpenAPI());
        return result.getOpenAPI();
    }

    private static SwaggerParseResult parse(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return new OpenAPIV3Parser().readContents(text, null, options);
    }

    private static List<String> messages(SwaggerParseResult result) {
        return result.getMessages() == null ? List.of() : result.getMessages();
    }

    /** META-INF/openapi.yaml as the built WAR ships it. */
    private static String shippedFile() throws IOException {
        try (ZipFile war = new ZipFile("target/token-auth.war")) {
            ZipEntry entry = war.getEntry("WEB-INF/classes/META-INF/openapi.yaml");
            assertNotNull(entry, "the WAR ships META-INF/openapi.yaml");
            try (InputStream in = war.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static Operation operation(OpenAPI doc, Op op) {
        PathItem item = doc.getPaths().get(op.path());
        return item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(op.method()));
    }

    private static Operation described(OpenAPI doc, Op op) {
        Operation operation = operation(doc, op);
        assertNotNull(operation, op + " is not described");
        return operation;
    }

    /** Path-level and operation-level parameters together. */
    private static List<Parameter> parameters(OpenAPI doc, Op op) {
        Operation operation = described(doc, op);
        List<Parameter> all = new ArrayList<>();
        PathItem item = doc.getPaths().get(op.path());
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all;
    }

    private static Schema<?> successSchema(OpenAPI doc, String method, String path, String status) {
        ApiResponse response = described(doc, Op.of(method, path)).getResponses().get(status);
        assertNotNull(response, method + " " + path + " " + status);
        MediaType json = response.getContent().get("application/json");
        assertNotNull(json, method + " " + path + " " + status + " application/json");
        return json.getSchema();
    }

    private static boolean isProblem(Schema<?> schema) {
        return schema != null && schema.getProperties() != null
                && schema.getProperties().keySet().containsAll(List.of("type", "title", "status", "detail", "errors"))
                && schema.getRequired() != null && schema.getRequired().containsAll(List.of("type", "title", "status", "detail"));
    }

    private static Set<String> documented(Schema<?> schema) {
        assertNotNull(schema.getProperties(), "an object schema");
        return new TreeSet<>(schema.getProperties().keySet());
    }

    private static void collectNonSnake(String where, Schema<?> schema, List<String> out) {
        if (schema == null) {
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((property, child) -> {
                if (!SNAKE_CASE.matcher(property).matches()) {
                    out.add(where + "." + property);
                }
                collectNonSnake(where + "." + property, child, out);
            });
        }
        collectNonSnake(where + "[]", schema.getItems(), out);
    }
}
