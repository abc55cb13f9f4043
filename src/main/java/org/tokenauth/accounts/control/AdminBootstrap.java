package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    @ConfigProperty(name = "tokenauth.admin.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "tokenauth.admin.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "tokenauth.admin.email")
    Optional<String> email;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (username.isEmpty() || password.isEmpty()) {
            return;
        }
        if (accounts.byUsername(username.get()).isPresent()) {
            return;
        }
        String address = email.orElse(AccountRules.normalizeUsername(username.get()) + "@admin.invalid");
        try {
            registration.register(username.get(), address, password.get(), Set.of("admin"));
            LOG.info("created the administrator " + username.get());
        } catch (ApiProblem e) {
            LOG.severe("tokenauth.admin.*: no administrator created: " + e.getMessage());
        }
    }
}
