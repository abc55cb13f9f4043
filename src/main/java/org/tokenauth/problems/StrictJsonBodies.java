package org.tokenauth.problems;

import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.tokenauth.platform.JsonP;

/**
 * Every JSON body is exactly one JSON object, nested at most {@value #MAX_DEPTH} deep. JSON-B reads the
 * first value and ignores the rest, so without this check {@code [{…}]} or {@code {…} garbage} would
 * be taken as the object inside; and a parser's own nesting limit (Parsson's is 1,000) fails with a
 * plain runtime exception, which would be a 500.
 */
@Provider
public class StrictJsonBodies implements ReaderInterceptor {

    /** No body of this API nests more than two levels; 32 leaves room and refuses a stack-eating one early. */
    public static final int MAX_DEPTH = 32;
    static final String TOO_DEEP = "The request body is nested more than " + MAX_DEPTH + " levels deep.";

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes(); // at most 64 KiB: BodyLimit ran first
        if (body.length > 0) {
            try (JsonParser parser = JsonP.PROVIDER.createParser(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
                JsonParser.Event first = parser.next();
                if (first != JsonParser.Event.START_OBJECT) {
                    throw new ApiProblem(400, "The request body must be a JSON object.");
                }
                skipRestOfObject(parser);
                if (parser.hasNext()) {
                    throw new ApiProblem(400, MalformedBodyMapper.DETAIL);
                }
            } catch (JsonException | java.util.NoSuchElementException e) {
                throw new ApiProblem(400, MalformedBodyMapper.DETAIL);
            }
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Event by event: Parsson's skipObject() never returns on a truncated object. */
    private static void skipRestOfObject(JsonParser parser) {
        int depth = 1;
        while (depth > 0) {
            switch (parser.next()) {
                case START_OBJECT, START_ARRAY -> {
                    if (++depth > MAX_DEPTH) {
                        throw new ApiProblem(400, TOO_DEEP);
                    }
                }
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                    // keys and values inside the object
                }
            }
        }
    }
}
