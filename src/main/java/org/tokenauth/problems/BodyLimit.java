package org.tokenauth.problems;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over 64 KiB with 413, whether the client declares the length or streams the body
 * chunked: the body is read up to one byte past the limit and handed on from memory.
 */
@Provider
@PreMatching
public class BodyLimit implements ContainerRequestFilter {

    public static final int MAX_BYTES = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getLength() > MAX_BYTES) {
            throw tooLarge();
        }
        if (!request.hasEntity()) {
            return;
        }
        InputStream in = request.getEntityStream();
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(413, "The request body is larger than 64 KiB.");
    }
}
