package org.tokenauth.apitokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.UUID;
import org.tokenauth.accounts.entity.Account;

/** An API token: its SHA-256 hash (never the token), who owns it, and when it was made and used. */
@Entity
@Table(name = "api_tokens", indexes = @Index(name = "api_tokens_account", columnList = "account_id"))
@NamedQuery(name = ApiToken.BY_HASH,
        query = "SELECT t FROM ApiToken t JOIN FETCH t.account WHERE t.tokenHash = :hash")
@NamedQuery(name = ApiToken.OF_ACCOUNT,
        query = "SELECT t FROM ApiToken t WHERE t.account.id = :account ORDER BY t.createdAt DESC, t.id")
@NamedQuery(name = ApiToken.DELETE_ONE,
        query = "DELETE FROM ApiToken t WHERE t.id = :id AND t.account.id = :account")
@NamedQuery(name = ApiToken.TOUCH, query = "UPDATE ApiToken t SET t.lastUsedAt = :at WHERE t.id = :id"
        + " AND (t.lastUsedAt IS NULL OR t.lastUsedAt < :at)")
@NamedQuery(name = ApiToken.DELETE_OF_ACCOUNT, query = "DELETE FROM ApiToken t WHERE t.account.id = :account")
public class ApiToken {

    public static final String BY_HASH = "ApiToken.byHash";
    public static final String OF_ACCOUNT = "ApiToken.ofAccount";
    public static final String DELETE_ONE = "ApiToken.deleteOne";
    public static final String DELETE_OF_ACCOUNT = "ApiToken.deleteOfAccount";
    public static final String TOUCH = "ApiToken.touch";

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(length = 128) // 64 characters, in UTF-16 units
    private String name;

    @Column(nullable = false, length = 12)
    private String prefix;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    /** Comma-separated; null: made without scopes (see accounts.control.Scopes). */
    @Column(length = 2000)
    private String scopes;

    protected ApiToken() {
    }

    /** @param scopes null for a token without scopes */
    public ApiToken(Account account, String name, String prefix, String tokenHash, Instant createdAt, Instant expiresAt,
                    Set<String> scopes) {
        this.id = UUID.randomUUID().toString();
        this.account = account;
        this.name = name;
        this.prefix = prefix;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.scopes = scopes == null ? null : String.join(",", new TreeSet<>(scopes));
    }

    public String id() {
        return id;
    }

    public Account account() {
        return account;
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Its scopes, or empty for a token made without. */
    public Optional<Set<String>> scopes() {
        return scopes == null ? Optional.empty()
                : Optional.of(Arrays.stream(scopes.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }
}
