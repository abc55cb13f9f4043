package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The contract in the repository ({@code src/site/markdown/api.md}) and the OpenAPI document the server
 * serves at {@code /openapi} ({@code META-INF/openapi.yaml}; {@code OpenApiIT} checks that it is what is
 * served) name the same operations: every {@code ### METHOD /path} heading of the one is an operation
 * of the other, and the other way round.
 */
class ApiContractTest {

    private static final Pattern OPERATION = Pattern.compile("(?m)^### (GET|POST|PUT|PATCH|DELETE) (/\\S*)$");

    @Test
    void theContractAndTheOpenApiDocumentNameTheSameOperations() throws IOException {
        Set<String> contract = new TreeSet<>();
        Matcher m = OPERATION.matcher(Files.readString(Path.of("src/site/markdown/api.md")));
        while (m.find()) {
            contract.add(m.group(1) + " " + m.group(2));
        }
        assertFalse(contract.isEmpty(), "no operation headings in api.md");

        OpenAPI document = new OpenAPIV3Parser().read("src/main/resources/META-INF/openapi.yaml");
        Set<String> openApi = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach((PathItem.HttpMethod method) -> openApi.add(method.name().toUpperCase(Locale.ROOT) + " " + path)));
        assertEquals(openApi, contract);
    }
}
