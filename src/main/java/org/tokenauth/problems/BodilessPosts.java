package org.tokenauth.problems;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PushbackInputStream;

/**
 * A POST with neither a body nor a {@code Content-Type} is read as the empty JSON object {@code {}},
 * which every resource method takes as "nothing given" (a token made by the {@code Authorization}
 * header alone; a login that names its missing fields). JAX-RS takes a request without
 * {@code Content-Type} as {@code application/octet-stream}, which a JSON method does not consume:
 * RESTEasy (WildFly, Open Liberty) answers 415 there, while Jersey (Payara) calls the method with no
 * body. A POST with a body keeps its {@code Content-Type}, or its lack of one.
 */
@Provider
@PreMatching
public class BodilessPosts implements ContainerRequestFilter {

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!HttpMethod.POST.equals(request.getMethod()) || request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null) {
            return;
        }
        PushbackInputStream body = new PushbackInputStream(request.getEntityStream(), 1);
        int first = body.read();
        if (first < 0) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
            request.setEntityStream(new ByteArrayInputStream(EMPTY_OBJECT));
        } else {
            body.unread(first);
            request.setEntityStream(body);
        }
    }
}
