/**
 * Every error as RFC 9457 problem+json: the {@link org.tokenauth.problems.ApiProblem} the
 * application throws, the exception mappers, the servlet error page, and the checks that make a
 * request body acceptable (size, exactly one JSON object) before anything reads it.
 *
 * <p>Uses {@code platform}.
 */
package org.tokenauth.problems;
