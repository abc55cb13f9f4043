package org.tokenauth.accounts.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;
import org.tokenauth.audit.SecurityEvents;

/**
 * Argon2id hashing with the configured cost, behind the {@link HashingGate}. Also holds a hash of a
 * random password made at start, checked against when the user does not exist, so that an unknown
 * username costs the same time as a wrong password.
 */
@ApplicationScoped
public class PasswordHasher {

    /** How long a hash may wait for its turn before the request is answered 503. */
    static final long MAX_WAIT_MILLIS = 10_000;

    @Inject
    PasswordSettings settings;

    @Inject
    SecurityEvents events;

    private BlockPool memory;
    private HashingGate gate;
    private String dummyHash;

    @PostConstruct
    void init() {
        gate = new HashingGate(settings.maxConcurrent(), settings.maxWaiting(), MAX_WAIT_MILLIS);
        memory = PasswordHashes.memoryOf(settings.cost(), settings.maxConcurrent());
        dummyHash = PasswordHashes.hash(UUID.randomUUID().toString(), settings.cost(), memory);
    }

    public String hash(String password) {
        return gate.run(() -> timed(() -> PasswordHashes.hash(password, settings.cost(), memory)));
    }

    public boolean verify(String password, String storedHash) {
        return gate.run(() -> timed(() -> PasswordHashes.verify(password, storedHash, memory)));
    }

    /** Spends the time of one verification and fails: for a username that does not exist. */
    public boolean verifyAgainstDummy(String password) {
        verify(password, dummyHash);
        return false;
    }

    public boolean needsRehash(String storedHash) {
        return PasswordHashes.needsRehash(storedHash, settings.cost());
    }

    private <T> T timed(Supplier<T> hashing) {
        long started = System.nanoTime();
        try {
            return hashing.get();
        } finally {
            events.passwordHashed(System.nanoTime() - started);
        }
    }
}
