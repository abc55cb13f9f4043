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
 * <p>A check is counted in flight <em>before</em> its password is hashed, and only as many can be in
 * flight as failures are still allowed: forty wrong passwords sent at the same moment get five
 * checks, not forty. A check that finds the others' checks filling the allowance waits for one of
 * them to end (a burst of right passwords waits a few milliseconds; wrong ones fill the window and
 * are then refused). The counts are rows in the database ({@link FailureWindow}), changed by
 * conditional updates, so the limit holds across every server that shares the database.
 */
@ApplicationScoped
public class LoginThrottle {

    /**
     * How long a check waits for checks in flight to end before it is answered 429. Long enough for a
     * burst of a few dozen right passwords to pass through the hashing gate on a busy two-core machine
     * (each hash can take a second there); short enough that a slot held by a crashed server does not
     * hang its waiters for the whole window.
     */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final long POLL_MILLIS = 20;

    /** A check counted under one or two keys; tell it how the check ended. */
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

        /** The check succeeded: the username's failures are forgotten; for the others it does not count. */
        public void succeeded() {
            counted.forEach((key, window) -> {
                if (key.equals(startsAfreshOnSuccess)) {
                    windows.succeeded(key, window);
                } else {
                    windows.takenBack(key, window);
                }
            });
        }

        /** Nothing was checked (the server was too busy to hash): nothing is counted. */
        public void notChecked() {
            counted.forEach(windows::takenBack);
        }

        /** The check failed: it is a failure under every key. */
        public void failed() {
            counted.forEach(windows::failed);
        }
    }

    @Inject
    ThrottleSettings settings;

    @Inject
    FailureWindows windows;

    private final AtomicLong lastCleanUp = new AtomicLong();

    /** Counts a check for both, or throws 429 (counting nothing) when either is at its limit. */
    public Attempt attempt(String username, String address) {
        Instant now = Instant.now();
        cleanUpNowAndThen(now);
        String usernameKey = OpaqueSecrets.sha256Hex("username:" + AccountRules.usernameKey(username));
        String addressKey = OpaqueSecrets.sha256Hex("address:" + address);
        Instant usernameWindow = begin(usernameKey, settings.maxFailures());
        Instant addressWindow;
        try {
            addressWindow = begin(addressKey, settings.maxFailuresPerAddress());
        } catch (ApiProblem throttled) {
            windows.takenBack(usernameKey, usernameWindow);
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
        cleanUpNowAndThen(Instant.now());
        String key = OpaqueSecrets.sha256Hex("introspector:" + callerKey);
        return new Attempt(Map.of(key, begin(key, settings.maxInactiveIntrospections())), null);
    }

    /** The start of the window in which the check was counted; 429 when the window has its failures. */
    private Instant begin(String key, int max) {
        Duration window = Duration.ofSeconds(settings.windowSeconds());
        Instant deadline = Instant.now().plus(MAX_WAIT);
        while (true) {
            Instant now = Instant.now();
            Instant cutoff = now.minus(window);
            Optional<Instant> counted = windows.begin(key, cutoff, max);
            if (counted.isPresent()) {
                return counted.get();
            }
            if (windows.beginNewWindow(key, cutoff, now)) {
                return now;
            }
            Optional<FailureWindow> full = windows.find(key);
            if (full.isEmpty()) {
                if (opened(key, now)) {
                    return now;
                }
                continue; // another request opened it first: count in it
            }
            if (full.get().windowStart().isAfter(cutoff) && full.get().failures() >= max) {
                throw throttled(Duration.between(now, full.get().windowStart().plus(window)).toSeconds() + 1);
            }
            // the allowance is taken by checks in flight: wait for one of them to end
            if (now.isAfter(deadline)) {
                throw ApiProblem.retryLater(429, "Too many password checks at once for this account or address; try again in 1 second.", 1);
            }
            pause();
        }
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

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw throttled(1);
        }
    }

    private static ApiProblem throttled(long seconds) {
        return ApiProblem.retryLater(429, "Too many failed password attempts; try again in " + seconds + " seconds.", seconds);
    }
}
