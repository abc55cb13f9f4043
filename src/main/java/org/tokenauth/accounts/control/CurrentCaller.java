package org.tokenauth.accounts.control;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.tokenauth.problems.ApiProblem;

/**
 * The authenticated caller of this request, whichever credential it used: what the authentication
 * mechanism left in the request ({@link Caller#ATTRIBUTE}), or nobody.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    HttpServletRequest request;

    public Optional<Caller> get() {
        return request.getAttribute(Caller.ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }

    public Caller require() {
        return get().orElseThrow(() -> ApiProblem.unauthorized("A valid credential is required."));
    }
}
