package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.tokenauth.accounts.control.PasswordHashes.Argon2Cost;
import org.tokenauth.platform.Setting;

/** How passwords are checked and hashed: {@code tokenauth.password.*}, read once. */
@ApplicationScoped
public class PasswordSettings {

    public static final Setting<Integer> MIN_LENGTH = Setting.number("tokenauth.password.min-length", 12,
            "shortest password accepted (the longest is 128)");
    public static final Setting<Integer> ARGON2_MEMORY_KIB = Setting.number("tokenauth.password.argon2.memory-kib", 19456,
            "Argon2id memory cost in KiB (OWASP's first choice); raising any cost re-hashes each password at its next login");
    public static final Setting<Integer> ARGON2_ITERATIONS = Setting.number("tokenauth.password.argon2.iterations", 2,
            "Argon2id iterations");
    public static final Setting<Integer> ARGON2_PARALLELISM = Setting.number("tokenauth.password.argon2.parallelism", 1,
            "Argon2id lanes");
    /**
     * More than one hash per core does not hash faster: measured on two cores, two hashes at once took
     * 59 ms of CPU each and four 66 ms, against 46 ms for one alone (their memory, 19 MiB each,
     * competes for the shared cache), and each holds its memory.
     */
    public static final Setting<Integer> MAX_CONCURRENT = Setting.number("tokenauth.password.max-concurrent", 0,
            "password hashes running at once; 0 is one per core (each keeps its Argon2id memory for reuse)");
    public static final Setting<Integer> MAX_WAITING = Setting.number("tokenauth.password.max-waiting", 64,
            "password hashes waiting for a turn; past that, 503 with Retry-After");

    private int minLength;
    private Argon2Cost cost;
    private int maxConcurrent;
    private int maxWaiting;

    protected PasswordSettings() {
        // for CDI's proxy
    }

    @Inject
    public PasswordSettings(Config config) {
        minLength = MIN_LENGTH.read(config);
        cost = new Argon2Cost(ARGON2_MEMORY_KIB.read(config), ARGON2_ITERATIONS.read(config), ARGON2_PARALLELISM.read(config));
        int configured = MAX_CONCURRENT.read(config);
        maxConcurrent = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        maxWaiting = MAX_WAITING.read(config);
    }

    public int minLength() {
        return minLength;
    }

    public Argon2Cost cost() {
        return cost;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int maxWaiting() {
        return maxWaiting;
    }
}
