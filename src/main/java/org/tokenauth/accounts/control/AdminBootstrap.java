package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Logger;
import org.tokenauth.problems.ApiProblem;

/**
 * Creates the first administrator from {@code tokenauth.admin.username} and
 * {@code tokenauth.admin.password} at start, when no user of that name exists yet. An existing user
 * is left alone: configuration never overwrites a password someone has since changed.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    Registration registration;

    @Inject
    AccountStore accounts;

    @Inject
    AdminSettings settings;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (settings.username().isEmpty() && settings.password().isEmpty()) {
            return;
        }
        if (settings.username().isEmpty() || settings.password().isEmpty()) {
            // half a configuration is a mistake the operator must hear of: nothing else would say why no one can log in
            LOG.warning("tokenauth.admin.username and tokenauth.admin.password are needed together (TOKENAUTH_ADMIN_USERNAME, "
                    + "TOKENAUTH_ADMIN_PASSWORD): no administrator created");
            return;
        }
        String username = settings.username().get();
        if (accounts.byUsername(username).isPresent()) {
            // the password is not applied to an existing user: it may have been changed since, on purpose
            LOG.info("the administrator " + username + " exists already; tokenauth.admin.password is left unused");
            return;
        }
        String address = settings.email().orElse(AccountRules.normalizeUsername(username) + "@admin.invalid");
        try {
            registration.register(username, address, settings.password().get(), Set.of("admin"));
            LOG.info("created the administrator " + username);
        } catch (ApiProblem e) {
            LOG.severe("tokenauth.admin.*: no administrator created: " + e.getMessage());
        }
    }
}
