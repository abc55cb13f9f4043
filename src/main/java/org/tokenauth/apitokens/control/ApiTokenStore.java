package org.tokenauth.apitokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.apitokens.entity.ApiToken;
import org.tokenauth.security.SecurityEvents;

/** Makes, finds and revokes API tokens. Revoking deletes the row, so it takes effect at once. */
@ApplicationScoped
public class ApiTokenStore {

    /** A token and, this once, its secret. */
    public record Issued(ApiToken token, String secret) {
    }

    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    SecurityEvents events;

    /** Lifetime of a token made without {@code expires_in}, in seconds; 0 for none. */
    @Inject
    @ConfigProperty(name = "tokenauth.token.default-ttl", defaultValue = "0")
    long defaultTtlSeconds;

    @Transactional
    public Issued create(String accountId, String name, Long expiresInSeconds) {
        Account account = em.getReference(Account.class, accountId);
        String secret = TokenSecrets.generate(TokenSecrets.API_TOKEN);
        Instant now = Instant.now();
        long ttl = expiresInSeconds != null ? expiresInSeconds : defaultTtlSeconds;
        // whole seconds, as the API shows it; created_at keeps its milliseconds to order the list
        Instant expiresAt = ttl > 0 ? now.plusSeconds(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : null;
        ApiToken token = new ApiToken(account, name, TokenSecrets.displayPrefix(secret), TokenSecrets.sha256Hex(secret), now, expiresAt);
        em.persist(token);
        events.issued(SecurityEvents.Kind.API_TOKEN, accountId, token.id(), null);
        return new Issued(token, secret);
    }

    public List<ApiToken> ofAccount(String accountId) {
        return em.createNamedQuery(ApiToken.OF_ACCOUNT, ApiToken.class).setParameter("account", accountId).getResultList();
    }

    /** @return false when the account has no such token */
    @Transactional
    public boolean revoke(String accountId, String tokenId) {
        int deleted = em.createNamedQuery(ApiToken.DELETE_ONE).setParameter("id", tokenId).setParameter("account", accountId)
                .executeUpdate();
        events.revoked(SecurityEvents.Kind.API_TOKEN, accountId, tokenId, deleted, "revoked");
        return deleted > 0;
    }

    @Transactional
    public int revokeAll(String accountId, String reason) {
        int deleted = em.createNamedQuery(ApiToken.DELETE_OF_ACCOUNT).setParameter("account", accountId).executeUpdate();
        events.revoked(SecurityEvents.Kind.API_TOKEN, accountId, null, deleted, reason);
        return deleted;
    }

    /**
     * The live token with this secret, with its account loaded, in one indexed query; records the
     * use at most once a minute. The caller has already checked the secret's shape and checksum.
     */
    @Transactional
    public Optional<ApiToken> authenticate(String secret) {
        Optional<ApiToken> found = em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
                .setParameter("hash", TokenSecrets.sha256Hex(secret))
                .getResultStream().findFirst();
        Instant now = Instant.now();
        if (found.isEmpty() || found.get().expiredAt(now) || found.get().account().disabled()) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            token.touch(now);
        }
        return found;
    }
}
