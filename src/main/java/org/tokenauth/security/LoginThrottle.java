package org.tokenauth.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenauth.problems.ApiProblem;

/**
 * Throttles failed password checks per username and per client address: past the limit, every
 * attempt answers 429 with {@code Retry-After}, the right password included, until the window ends.
 * Counters live in memory only: a failed login costs no database write.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    @ConfigProperty(name = "tokenauth.throttle.max-failures", defaultValue = "5")
    int maxFailuresPerUsername;

    @Inject
    @ConfigProperty(name = "tokenauth.throttle.max-failures-per-address", defaultValue = "200")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "tokenauth.throttle.window", defaultValue = "900")
    long windowSeconds;

    /** How many usernames and how many addresses are tracked at most (memory bound). */
    @Inject
    @ConfigProperty(name = "tokenauth.throttle.max-tracked", defaultValue = "100000")
    int maxTracked;

    private FailureCounter usernames;
    private FailureCounter addresses;

    @PostConstruct
    void init() {
        usernames = new FailureCounter(maxFailuresPerUsername, windowSeconds * 1000, maxTracked, Clock.systemUTC());
        addresses = new FailureCounter(maxFailuresPerAddress, windowSeconds * 1000, maxTracked, Clock.systemUTC());
    }

    /** Throws 429 when either the username or the address is blocked. */
    public void check(String username, String address) {
        OptionalLong wait = usernames.blockedForSeconds(key(username));
        OptionalLong addressWait = addresses.blockedForSeconds(address);
        long seconds = Math.max(wait.orElse(0), addressWait.orElse(0));
        if (seconds > 0) {
            throw ApiProblem.retryLater(429, "Too many failed password attempts; try again in " + seconds + " seconds.", seconds);
        }
    }

    public void failed(String username, String address) {
        usernames.recordFailure(key(username));
        addresses.recordFailure(address);
    }

    public void succeeded(String username) {
        usernames.reset(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : Normalizer.normalize(username, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
