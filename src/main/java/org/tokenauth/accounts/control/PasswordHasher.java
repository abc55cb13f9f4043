package org.tokenauth.accounts.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenauth.accounts.control.PasswordHashes.Argon2Cost;
import org.tokenauth.security.SecurityEvents;

/**
 * Argon2id hashing with the configured cost, behind the {@link HashingGate}. Also holds a hash of a
 * random password made at start, checked against when the user does not exist, so that an unknown
 * username costs the same time as a wrong password.
 */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    @ConfigProperty(name = "tokenauth.password.argon2.memory-kib", defaultValue = "19456")
    int memoryKib;

    @Inject
    @ConfigProperty(name = "tokenauth.password.argon2.iterations", defaultValue = "2")
    int iterations;

    @Inject
    @ConfigProperty(name = "tokenauth.password.argon2.parallelism", defaultValue = "1")
    int parallelism;

    /**
     * Hashes at once; 0 means one per processor. More than that does not hash faster: measured on
     * two cores, two hashes at once took 59 ms of CPU each and four 66 ms, against 46 ms for one
     * alone (their memory, 19 MiB each, competes for the shared cache), and each holds its memory.
     */
    @Inject
    @ConfigProperty(name = "tokenauth.password.max-concurrent", defaultValue = "0")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "tokenauth.password.max-waiting", defaultValue = "64")
    int maxWaiting;

    @Inject
    SecurityEvents events;

    private Argon2Cost cost;
    private BlockPool memory;
    private HashingGate gate;
    private String dummyHash;

    @PostConstruct
    void init() {
        cost = new Argon2Cost(memoryKib, iterations, parallelism);
        int running = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        gate = new HashingGate(running, maxWaiting, 10_000);
        memory = PasswordHashes.memoryOf(cost, running);
        dummyHash = PasswordHashes.hash(java.util.UUID.randomUUID().toString(), cost, memory);
    }

    public String hash(String password) {
        return gate.run(() -> timed(() -> PasswordHashes.hash(password, cost, memory)));
    }

    public boolean verify(String password, String storedHash) {
        return gate.run(() -> timed(() -> PasswordHashes.verify(password, storedHash, memory)));
    }

    /** Spends the time of one verification and fails: for a username that does not exist. */
    public boolean verifyAgainstDummy(String password) {
        verify(password, dummyHash);
        return false;
    }

    private <T> T timed(Supplier<T> hashing) {
        long started = System.nanoTime();
        try {
            return hashing.get();
        } finally {
            events.passwordHashed(System.nanoTime() - started);
        }
    }

    public boolean needsRehash(String storedHash) {
        return PasswordHashes.needsRehash(storedHash, cost);
    }
}
