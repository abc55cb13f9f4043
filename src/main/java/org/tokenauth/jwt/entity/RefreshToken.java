package org.tokenauth.jwt.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.NamedSubgraph;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A refresh token: its SHA-256 hash, its session, and whether it has been used (single use). */
@Entity
@Table(name = "refresh_tokens", indexes = @Index(name = "refresh_tokens_session", columnList = "session_id"))
// its session and account come with it (RefreshToken.WITH_ACCOUNT); standard JPQL has no alias on a fetch join
@NamedQuery(name = RefreshToken.BY_HASH, query = "SELECT r FROM RefreshToken r WHERE r.tokenHash = :hash")
@NamedEntityGraph(name = RefreshToken.WITH_ACCOUNT,
        attributeNodes = @NamedAttributeNode(value = "session", subgraph = "session"),
        subgraphs = @NamedSubgraph(name = "session", attributeNodes = @NamedAttributeNode("account")))
@NamedQuery(name = RefreshToken.CLAIM,
        query = "UPDATE RefreshToken r SET r.used = TRUE WHERE r.tokenHash = :hash AND r.used = FALSE")
@NamedQuery(name = RefreshToken.USE_UP_SESSION,
        query = "UPDATE RefreshToken r SET r.used = TRUE WHERE r.session.id = :session")
public class RefreshToken {

    public static final String BY_HASH = "RefreshToken.byHash";
    public static final String WITH_ACCOUNT = "RefreshToken.withAccount";
    public static final String CLAIM = "RefreshToken.claim";
    public static final String USE_UP_SESSION = "RefreshToken.useUpSession";

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id", nullable = false)
    private LoginSession session;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(nullable = false)
    private boolean used;

    protected RefreshToken() {
    }

    public RefreshToken(LoginSession session, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.session = session;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public LoginSession session() {
        return session;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
