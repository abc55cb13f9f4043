package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.tokenauth.accounts.entity.FailureWindow;
import org.tokenauth.platform.OpaqueSecrets;
import org.tokenauth.problems.ApiProblem;

/**
 * Throttles password checks per username and per client address: past the limit of failures in a
 * window, every attempt answers 429 with {@code Retry-After}, the right password included, until the
 * window ends.
 *
 * <p>An attempt is counted <em>before</em> its password is checked, and taken back once it turns out
 * right ({@link Attempt#succeeded()}; a success also clears the username's failures). Attempts in
 * flight therefore count against the limit: forty wrong passwords sent at the same moment get five
 * checks, not forty. The counts are rows in the database ({@link FailureWindow}), changed by
 * conditional updates, so the limit holds across every server that shares the database.
 */
@ApplicationScoped
public class LoginThrottle {

    /** An attempt counted under one or two keys; tell it how the check ended. */
    public final class Attempt {
        private final Map<String, Instant> counted;
        private final String startsAfreshOnSuccess;

        /**
         * @param counted               the keys it was counted under, with the start of each one's window
         * @param startsAfreshOnSuccess the key whose failures a success forgets (the username), or null
         */
        private Attempt(Map<String, Instant> counted, String startsAfreshOnSuccess) {
            this.counted = counted;
            this.startsAfreshOnSuccess = startsAfreshOnSuccess;
        }

        /** The check succeeded: the username starts afresh, and the other keys get their attempt back. */
        public void succeeded() {
            counted.forEach((key, window) -> {
                if (key.equals(startsAfreshOnSuccess)) {
                    windows.forget(key);
                } else {
                    windows.takeOneBack(key, window);
                }
            });
        }

        /** Nothing was checked (the server was too busy to hash): nothing is counted. */
        public void notChecked() {
            counted.forEach(windows::takeOneBack);
        }

        /** The check failed: the attempt stays counted, as a failure. */
        public void failed() {
        }
    }

    @Inject
    ThrottleSettings settings;

    @Inject
    FailureWindows windows;

    private final AtomicLong lastCleanUp = new AtomicLong();

    /** Counts an attempt for both, or throws 429 (counting nothing) when either is at its limit. */
    public Attempt attempt(String username, String address) {
        Instant now = Instant.now();
        cleanUpNowAndThen(now);
        String usernameKey = OpaqueSecrets.sha256Hex("username:" + AccountRules.usernameKey(username));
        String addressKey = OpaqueSecrets.sha256Hex("address:" + address);
        Instant usernameWindow = count(usernameKey, settings.maxFailures(), now);
        Instant addressWindow;
        try {
            addressWindow = count(addressKey, settings.maxFailuresPerAddress(), now);
        } catch (ApiProblem throttled) {
            windows.takeOneBack(usernameKey, usernameWindow);
            throw throttled;
        }
        return new Attempt(Map.of(usernameKey, usernameWindow, addressKey, addressWindow), usernameKey);
    }

    /**
     * Counts an introspection by a calling service (its credential's id): its inactive answers are
     * throttled like failed passwords, so that it cannot be used to guess tokens; an active answer is
     * taken back. 429 when the limit is reached.
     */
    public Attempt introspection(String callerKey) {
        Instant now = Instant.now();
        cleanUpNowAndThen(now);
        String key = OpaqueSecrets.sha256Hex("introspector:" + callerKey);
        return new Attempt(Map.of(key, count(key, settings.maxInactiveIntrospections(), now)), null);
    }

    /** The start of the window in which the attempt was counted; 429 when the window is full. */
    private Instant count(String key, int max, Instant now) {
        Duration window = Duration.ofSeconds(settings.windowSeconds());
        Instant cutoff = now.minus(window);
        // a few rounds at most: each ends in a count, a refusal, or another request's new row
        for (int round = 0; round < 4; round++) {
            Optional<Instant> counted = windows.countOneMore(key, cutoff, max);
            if (counted.isPresent()) {
                return counted.get();
            }
            if (windows.startAgain(key, cutoff, now)) {
                return now;
            }
            Optional<FailureWindow> full = windows.find(key);
            if (full.isPresent() && full.get().windowStart().isAfter(cutoff)) {
                throw throttled(Duration.between(now, full.get().windowStart().plus(window)).toSeconds() + 1);
            }
            if (full.isEmpty() && opened(key, now)) {
                return now;
            }
        }
        throw throttled(1);
    }

    private boolean opened(String key, Instant now) {
        try {
            return windows.open(key, now);
        } catch (PersistenceException | TransactionalException anotherWasFirst) {
            return false;
        }
    }

    private void cleanUpNowAndThen(Instant now) {
        long last = lastCleanUp.get();
        if (now.getEpochSecond() - last >= 60 && lastCleanUp.compareAndSet(last, now.getEpochSecond())) {
            windows.forgetEnded(now.minusSeconds(settings.windowSeconds()));
        }
    }

    private static ApiProblem throttled(long seconds) {
        return ApiProblem.retryLater(429, "Too many failed password attempts; try again in " + seconds + " seconds.", seconds);
    }
}
