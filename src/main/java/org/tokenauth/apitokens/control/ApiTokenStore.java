package org.tokenauth.apitokens.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tokenauth.accounts.control.AccountDisabled;
import org.tokenauth.accounts.control.CredentialsChanged;
import org.tokenauth.accounts.control.GroupsChanged;
import org.tokenauth.accounts.control.IssuingLock;
import org.tokenauth.accounts.control.Proof;
import org.tokenauth.accounts.control.Scopes;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.apitokens.entity.ApiToken;
import org.tokenauth.audit.RevocationReason;
import org.tokenauth.audit.SecurityEvents;
import org.tokenauth.platform.AnnouncementsMissed;
import org.tokenauth.platform.Local;
import org.tokenauth.platform.OpaqueSecrets;
import org.tokenauth.platform.Times;
import org.tokenauth.problems.ApiProblem;
import org.tokenauth.problems.Problem.FieldError;

/**
 * Makes, finds and revokes API tokens. Revoking deletes the row and forgets the token in memory
 * ({@link KnownApiTokens}), so it takes effect at once. A new password or disabling revokes all of
 * an account's tokens in the same transaction; new groups make its known tokens be read again.
 */
@ApplicationScoped
public class ApiTokenStore {

    /** A token and, this once, its secret. */
    public record Issued(ApiToken token, String secret) {
    }

    /**
     * A live API token and what a request made with it needs to know: who, with which groups (the
     * owner's, as last read), and with which scopes (empty: made without).
     */
    public record Authenticated(String tokenId, String accountId, String username, List<String> groups,
                                Instant createdAt, Instant expiresAt, Optional<Set<String>> scopes) {
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
    @Local
    Event<ApiTokensRevoked> revocations;

    @Inject
    TokenUses uses;

    @Inject
    IssuingLock issuingLock;

    @Inject
    ApiTokenSettings settings;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private KnownApiTokens known;

    @PostConstruct
    void init() {
        known = new KnownApiTokens(settings.cacheSize(), Duration.ofSeconds(settings.cacheMaxAgeSeconds()));
    }

    /**
     * A new token for the account of {@code proof}, stored only if the proof still holds when the
     * account's row is locked (see {@link IssuingLock}), and only with scopes the owner may give it
     * (400 naming {@code scopes} otherwise).
     *
     * @param scopes null for a token without scopes
     */
    @Transactional
    public Issued create(Proof proof, String name, Long expiresInSeconds, Set<String> scopes) {
        Account account = issuingLock.lockFor(proof);
        String accountId = account.id();
        if (scopes != null) {
            List<FieldError> refused = scopes.stream().sorted().map(s -> Scopes.refusal(s, account.groups()))
                    .flatMap(Optional::stream).map(why -> new FieldError("scopes", why)).toList();
            if (!refused.isEmpty()) {
                throw ApiProblem.invalid(refused);
            }
        }
        String secret = OpaqueSecrets.generate(OpaqueSecrets.API_TOKEN);
        Instant now = Instant.now();
        long ttl = expiresInSeconds != null ? expiresInSeconds : settings.defaultTtlSeconds();
        // whole seconds, as the API shows it; created_at keeps its milliseconds to order the list
        Instant expiresAt = ttl > 0 ? Times.seconds(now.plusSeconds(ttl)) : null;
        ApiToken token = new ApiToken(account, name, OpaqueSecrets.displayPrefix(secret), OpaqueSecrets.sha256Hex(secret), now, expiresAt,
                scopes);
        em.persist(token);
        events.issued(SecurityEvents.Kind.API_TOKEN, accountId, token.id(), null);
        return new Issued(token, secret);
    }

    public List<ApiToken> ofAccount(String accountId) {
        return em.createNamedQuery(ApiToken.OF_ACCOUNT, ApiToken.class).setParameter("account", accountId).getResultList();
    }

    /** @return false when the account has no such token */
    @Transactional
    public boolean revoke(String accountId, String tokenId, RevocationReason reason) {
        forgetNowAndAfterCompletion(() -> known.forgetToken(tokenId));
        int deleted = em.createNamedQuery(ApiToken.DELETE_ONE).setParameter("id", tokenId).setParameter("account", accountId)
                .executeUpdate();
        events.revoked(SecurityEvents.Kind.API_TOKEN, accountId, tokenId, deleted, reason);
        if (deleted > 0) {
            revocations.fire(new ApiTokensRevoked(accountId, tokenId));
        }
        return deleted > 0;
    }

    @Transactional
    public int revokeAll(String accountId, RevocationReason reason) {
        forgetNowAndAfterCompletion(() -> known.forgetAccount(accountId));
        int deleted = em.createNamedQuery(ApiToken.DELETE_OF_ACCOUNT).setParameter("account", accountId).executeUpdate();
        events.revoked(SecurityEvents.Kind.API_TOKEN, accountId, null, deleted, reason);
        revocations.fire(new ApiTokensRevoked(accountId, null));
        return deleted;
    }

    /** In the transaction of the password change, on the server that made it. */
    void onCredentialsChanged(@Observes @Local CredentialsChanged change) {
        revokeAll(change.accountId(), RevocationReason.PASSWORD_CHANGE);
    }

    /** In the transaction that disables the account, on the server that made it. */
    void onDisabled(@Observes @Local AccountDisabled disabled) {
        revokeAll(disabled.accountId(), RevocationReason.DISABLED);
    }

    /** The account's groups changed: its tokens' callers are read again from the database. */
    void onGroupsChanged(@Observes GroupsChanged change) {
        forgetNowAndAfterCompletion(() -> known.forgetAccount(change.accountId()));
    }

    /**
     * What another server revoked is forgotten here too (on the server that revoked, again: it does no
     * harm). A new password or a disabling there revoked the account's tokens in the database.
     */
    void onRevokedElsewhere(@Observes ApiTokensRevoked revoked) {
        if (revoked.tokenId() != null) {
            known.forgetToken(revoked.tokenId());
        } else {
            known.forgetAccount(revoked.accountId());
        }
    }

    void onCredentialsChangedElsewhere(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged change) {
        known.forgetAccount(change.accountId());
    }

    void onDisabledElsewhere(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDisabled disabled) {
        known.forgetAccount(disabled.accountId());
    }

    /** Announcements may have been lost: every token is looked up again. */
    void onMissed(@Observes AnnouncementsMissed missed) {
        known.forgetAll();
    }

    /**
     * The live token with this secret: from memory when it was seen recently, else from one indexed
     * query (its account joined); records the use at most once a minute. The caller has already
     * checked the secret's shape and checksum.
     */
    public Optional<Authenticated> authenticate(String secret) {
        return find(secret, true);
    }

    /** The same, for another service asking about the token: not a use of it. */
    public Optional<Authenticated> inspect(String secret) {
        return find(secret, false);
    }

    private Optional<Authenticated> find(String secret, boolean use) {
        String hash = OpaqueSecrets.sha256Hex(secret);
        Instant now = Instant.now();
        KnownApiTokens.Known hit = known.get(hash, now);
        if (hit == null) {
            long generation = known.generation();
            // no transaction: one read, and the entity is not kept; the account as the database has it
            // now (not the shared cache's copy, which another server's change may have outdated)
            Optional<ApiToken> found = em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
                    .setParameter("hash", hash)
                    .setHint("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS)
                    .setHint("jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH)
                    .getResultStream().findFirst();
            if (found.isEmpty() || found.get().account().disabled()) {
                return Optional.empty();
            }
            ApiToken token = found.get();
            Account account = token.account();
            hit = new KnownApiTokens.Known(new Authenticated(token.id(), account.id(), account.username(),
                    List.copyOf(account.groups()), token.createdAt(), token.expiresAt(), token.scopes()), token.lastUsedAt(), now);
            known.put(hash, hit, generation, now);
        }
        if (hit.token().expiredAt(now)) {
            known.remove(hash, hit);
            return Optional.empty();
        }
        if (use && (hit.lastUsedAt() == null || hit.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION)))) {
            // of the requests that find the same stale entry, the one that replaces it writes
            if (known.touched(hash, hit, now) || known.get(hash, now) == null) {
                uses.record(hit.token().tokenId(), now);
            }
        }
        return Optional.of(hit.token());
    }

    /**
     * Runs {@code forget} now and again when the current transaction ends, so that a lookup that
     * read the row before this transaction committed cannot leave it in the cache.
     */
    private void forgetNowAndAfterCompletion(Runnable forget) {
        forget.run();
        if (transactions.getTransactionKey() == null) {
            return; // announced by another server: its transaction has committed
        }
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
