package org.tokenauth.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Serialises, across every server of one database, the making of what must exist once and that each
 * server makes at start when it is missing (the first signing keys, the configured administrator):
 * the caller's transaction locks a row of {@code start_locks}, then looks whether another server made
 * it meanwhile, and only then makes it. Without the lock, nodes started together each insert, all but
 * one fail on a unique key, and the database layer logs that failure as a warning with a stack trace.
 */
@ApplicationScoped
public class StartLocks {

    public static final String SIGNING_KEYS = "signing-keys";
    public static final String ADMINISTRATOR = "administrator";

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    /** Locks {@code name} until the caller's transaction ends, waiting for another server that holds it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(String name) {
        if (em.createNativeQuery("SELECT name FROM start_locks WHERE name = ?1 FOR UPDATE").setParameter(1, name)
                .getResultList().isEmpty()) {
            throw new IllegalStateException("no start lock " + name + " in the database (migration V6)");
        }
    }
}
