package org.tokenauth.problems;

import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A failure at commit arrives as {@link TransactionalException}, which Jersey's own mapper would
 * turn into a bare 500; it goes through the same last resort (or the problem inside it) instead.
 */
@Provider
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

    private final UnexpectedErrorMapper unexpected = new UnexpectedErrorMapper();

    @Override
    public Response toResponse(TransactionalException e) {
        return unexpected.toResponse(e);
    }
}
