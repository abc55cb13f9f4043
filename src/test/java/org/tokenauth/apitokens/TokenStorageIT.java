package org.tokenauth.apitokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenauth.support.Api;
import org.tokenauth.support.Deployments;

/**
 * Runs inside the server, next to the application's data source: proves that the database keeps
 * only the SHA-256 of an API token, never the token. The token is made over HTTP, as a client would,
 * by calling the server's own URL from inside it.
 */
@ExtendWith(ArquillianExtension.class)
class TokenStorageIT {

    @Deployment(testable = true)
    static WebArchive deployment() {
        return Deployments.inContainer(TokenStorageIT.class);
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = "java:app/jdbc/tokenauth")
    DataSource dataSource;

    @Test
    void theDatabaseHoldsTheHashOfATokenAndNeverTheToken() throws Exception {
        assertNotNull(base, "the deployment URL was not injected in-container");
        assertNotNull(dataSource, "java:app/jdbc/tokenauth was not injected");
        Api api = new Api(base);
        String name = Api.uniqueName("stored");
        api.register(name);
        JsonObject issued = api.createToken(name, Api.PASSWORD);
        String secret = issued.getString("token");
        String id = issued.getString("id");
        // a use, so that whatever a use writes is in the table too
        assertEquals(200, api.get("/api/me", Api.token(secret)).status());
        String secretPart = secret.substring(12); // everything past the prefix that is kept in clear

        try (Connection connection = dataSource.getConnection()) {
            // the token's own row: the hash of the secret, the prefix in clear
            int rows = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM api_tokens");
                 ResultSet result = select.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                int hashColumn = column(meta, "token_hash");
                int idColumn = column(meta, "id");
                int prefixColumn = column(meta, "prefix");
                boolean found = false;
                while (result.next()) {
                    rows++;
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        String value = result.getString(c);
                        if (value != null) {
                            assertFalse(value.contains(secretPart),
                                    "column " + meta.getColumnLabel(c) + " holds the token in clear: " + value);
                        }
                    }
                    if (id.equals(result.getString(idColumn))) {
                        found = true;
                        assertEquals(sha256Hex(secret), result.getString(hashColumn).toLowerCase(java.util.Locale.ROOT));
                        assertEquals(secret.substring(0, 12), result.getString(prefixColumn));
                    }
                }
                assertTrue(found, "no api_tokens row with id " + id + " among " + rows);
            }

            // and no other table has it either
            for (String table : tables(connection)) {
                try (PreparedStatement select = connection.prepareStatement("SELECT * FROM \"" + table + "\"");
                     ResultSet result = select.executeQuery()) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            String value = result.getString(c);
                            assertFalse(value != null && value.contains(secretPart),
                                    "table " + table + " column " + meta.getColumnLabel(c) + " holds the token in clear");
                        }
                    }
                }
            }
        }

        // revoking deletes the row: nothing about the token outlives it
        assertEquals(204, api.delete("/api/auth/tokens/" + id, Api.token(secret)).status());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?")) {
            select.setString(1, sha256Hex(secret));
            try (ResultSet result = select.executeQuery()) {
                assertTrue(result.next());
                assertEquals(0, result.getInt(1));
            }
        }
    }

    private static int column(ResultSetMetaData meta, String name) throws SQLException {
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            if (meta.getColumnLabel(c).equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new AssertionError("api_tokens has no column " + name);
    }

    /** The application's own tables (the schema the data source connects to). */
    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet result = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (result.next()) {
                tables.add(result.getString("TABLE_NAME"));
            }
        }
        assertTrue(tables.stream().anyMatch(t -> t.equalsIgnoreCase("api_tokens")), "tables found: " + tables);
        return tables;
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
