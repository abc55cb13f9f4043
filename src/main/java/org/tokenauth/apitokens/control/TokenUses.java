package org.tokenauth.apitokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.tokenauth.apitokens.entity.ApiToken;

/**
 * Writes an API token's {@code last_used_at}: one UPDATE in its own short transaction, without
 * reading the row, and never backwards in time (two servers' clocks, two requests racing).
 */
@ApplicationScoped
public class TokenUses {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Transactional
    public void record(String tokenId, Instant at) {
        em.createNamedQuery(ApiToken.TOUCH).setParameter("id", tokenId).setParameter("at", at).executeUpdate();
    }
}
