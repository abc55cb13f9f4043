package org.tokenauth.apitokens.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.apitokens.entity.ApiToken;
import org.tokenauth.security.SecurityEvents;

/**
 * Makes, finds and revokes API tokens. Revoking deletes the row and forgets the token in memory
 * ({@link KnownApiTokens}), so it takes effect at once.
 */
@ApplicationScoped
public class ApiTokenStore {

    /** A token and, this once, its secret. */
    public record Issued(ApiToken token, String secret) {
    }

    /** A live API token and what a request made with it needs to know: who and with which groups. */
    public record Authenticated(String tokenId, String accountId, String username, List<String> groups,
                                Instant expiresAt) {
        boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    SecurityEvents events;

    @Inject
    TokenUses uses;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** API tokens kept in memory after their first use; 0 turns the cache off. */
    @Inject
    @ConfigProperty(name = "tokenauth.token.cache-size", defaultValue = "10000")
    int cacheSize;

    private KnownApiTokens known;

    @PostConstruct
    void init() {
        known = new KnownApiTokens(cacheSize);
    }

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
        forgetNowAndAfterCompletion(() -> known.forgetToken(tokenId));
        int deleted = em.createNamedQuery(ApiToken.DELETE_ONE).setParameter("id", tokenId).setParameter("account", accountId)
                .executeUpdate();
        events.revoked(SecurityEvents.Kind.API_TOKEN, accountId, tokenId, deleted, "revoked");
        return deleted > 0;
    }

    @Transactional
    public int revokeAll(String accountId, String reason) {
        forgetNowAndAfterCompletion(() -> known.forgetAccount(accountId));
        int deleted = em.createNamedQuery(ApiToken.DELETE_OF_ACCOUNT).setParameter("account", accountId).executeUpdate();
        events.revoked(SecurityEvents.Kind.API_TOKEN, accountId, null, deleted, reason);
        return deleted;
    }

    /**
     * The live token with this secret: from memory when it was seen recently, else from one indexed
     * query (its account joined); records the use at most once a minute. The caller has already
     * checked the secret's shape and checksum.
     */
    public Optional<Authenticated> authenticate(String secret) {
        String hash = TokenSecrets.sha256Hex(secret);
        Instant now = Instant.now();
        KnownApiTokens.Known hit = known.get(hash);
        if (hit == null) {
            long generation = known.generation();
            // no transaction: one read, and the entity is not kept
            Optional<ApiToken> found = em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
                    .setParameter("hash", hash)
                    .getResultStream().findFirst();
            if (found.isEmpty() || found.get().account().disabled()) {
                return Optional.empty();
            }
            ApiToken token = found.get();
            Account account = token.account();
            hit = new KnownApiTokens.Known(new Authenticated(token.id(), account.id(), account.username(),
                    List.copyOf(account.groups()), token.expiresAt()), token.lastUsedAt());
            known.put(hash, hit, generation, now);
        }
        if (hit.token().expiredAt(now)) {
            known.remove(hash, hit);
            return Optional.empty();
        }
        if (hit.lastUsedAt() == null || hit.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            // of the requests that find the same stale entry, the one that replaces it writes
            if (known.touched(hash, hit, now) || known.get(hash) == null) {
                uses.record(hit.token().tokenId(), now);
            }
        }
        return Optional.of(hit.token());
    }

    /** The account's groups changed: its tokens' callers are read again from the database. */
    public void accountChanged(String accountId) {
        forgetNowAndAfterCompletion(() -> known.forgetAccount(accountId));
    }

    /**
     * Runs {@code forget} now and again when the current transaction ends, so that a lookup that
     * read the row before this transaction committed cannot leave it in the cache.
     */
    private void forgetNowAndAfterCompletion(Runnable forget) {
        forget.run();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                forget.run();
            }
        });
    }
}
