package org.tokenauth.jwt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.tokenauth.jwt.entity.SigningKey;
import org.tokenauth.platform.Local;
import org.tokenauth.platform.StartLocks;
import org.tokenauth.problems.ApiProblem;

/**
 * The signing keys' rows, each change in one transaction that announces itself
 * ({@link SigningKeysChanged}). Rotation is conditional on the keys being the ones the caller saw, so
 * that of several servers (or requests) rotating at the same moment each rotation happens once.
 */
@ApplicationScoped
public class SigningKeyStore {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    @Local
    Event<SigningKeysChanged> changes;

    @Inject
    StartLocks startLocks;

    public List<SigningKey> all() {
        return em.createNamedQuery(SigningKey.ALL, SigningKey.class)
                .setHint("jakarta.persistence.cache.retrieveMode", jakarta.persistence.CacheRetrieveMode.BYPASS)
                .getResultList();
    }

    /**
     * Stores the first keys (new or imported) unless the table has keys already: false when another
     * server stored its own first. Servers starting together wait for each other here
     * ({@link StartLocks}), so the others find the first one's keys instead of failing on the unique slot.
     */
    @Transactional
    public boolean addFirst(List<SigningKey> keys) {
        startLocks.hold(StartLocks.SIGNING_KEYS);
        if (!em.createNamedQuery(SigningKey.ALL, SigningKey.class).setMaxResults(1).getResultList().isEmpty()) {
            return false;
        }
        add(keys);
        return true;
    }

    /** Stores a next key where there is none (a damaged table); false when another server did so first. */
    @Transactional
    public boolean addNext(SigningKey next) {
        startLocks.hold(StartLocks.SIGNING_KEYS);
        if (all().stream().anyMatch(k -> SigningKey.NEXT.equals(k.slot()))) {
            return false;
        }
        add(List.of(next));
        return true;
    }

    private void add(List<SigningKey> keys) {
        keys.forEach(em::persist);
        em.flush();
        changes.fire(new SigningKeysChanged(Instant.now()));
    }

    /**
     * Retires {@code currentKid}, promotes {@code nextKid} and publishes {@code newNext}; false, changing
     * nothing, when the current key is no longer current (another server rotated first). Deletes the
     * keys retired before {@code retiredKeysEnd} on the way.
     */
    @Transactional
    public boolean rotate(String currentKid, String nextKid, SigningKey newNext, Instant now, Instant retiredKeysEnd) {
        int retired = em.createNamedQuery(SigningKey.RETIRE).setParameter("kid", currentKid).setParameter("now", now).executeUpdate();
        if (retired == 0) {
            return false;
        }
        int promoted = em.createNamedQuery(SigningKey.PROMOTE).setParameter("kid", nextKid).setParameter("now", now).executeUpdate();
        if (promoted == 0) {
            // removed meanwhile: the retirement above is rolled back with the transaction
            throw new KeysChangedMeanwhile(nextKid);
        }
        em.persist(newNext);
        em.flush();
        deleteRetiredBefore(retiredKeysEnd);
        changes.fire(new SigningKeysChanged(now));
        return true;
    }

    /**
     * Removes a key at once (a compromised key): 404 for an unknown one, 409 for the key that signs
     * now. A removed next key is replaced by {@code replacement}, so that a rotation always promotes a
     * key that verifiers have had time to see.
     */
    @Transactional
    public void remove(String kid, SigningKey replacement) {
        SigningKey key = em.find(SigningKey.class, kid, LockModeType.PESSIMISTIC_WRITE);
        if (key == null) {
            throw ApiProblem.notFound();
        }
        if (SigningKey.CURRENT.equals(key.slot())) {
            throw new ApiProblem(409, "The current signing key cannot be removed before another has replaced it: rotate first.");
        }
        boolean wasNext = SigningKey.NEXT.equals(key.slot());
        em.remove(key);
        em.flush();
        if (wasNext) {
            em.persist(replacement);
        }
        changes.fire(new SigningKeysChanged(Instant.now()));
    }

    /** Deletes retired keys whose tokens have all expired; nothing to announce, nobody accepts them. */
    @Transactional
    public int deleteRetiredBefore(Instant cutoff) {
        return em.createNamedQuery(SigningKey.DELETE_RETIRED_BEFORE).setParameter("cutoff", cutoff).executeUpdate();
    }

    /** The keys changed between the caller's reading and its change; read again and retry. */
    public static class KeysChangedMeanwhile extends RuntimeException {
        KeysChangedMeanwhile(String kid) {
            super("signing key " + kid + " is no longer where it was", null, false, false);
        }
    }
}
