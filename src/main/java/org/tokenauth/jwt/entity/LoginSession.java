package org.tokenauth.jwt.entity;

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
import java.util.UUID;
import org.tokenauth.accounts.entity.Account;

/**
 * One login with a password, for a JWT pair: the {@code sid} of its access tokens and the family of
 * its refresh tokens. Ending it (logout, refresh-token reuse, password change, disabling) stops all
 * of them.
 */
@Entity
@Table(name = "login_sessions", indexes = {
        @Index(name = "login_sessions_account", columnList = "account_id"),
        @Index(name = "login_sessions_ended", columnList = "ended_at")})
@NamedQuery(name = LoginSession.ENDED_SINCE,
        query = "SELECT s.id, s.endedAt FROM LoginSession s WHERE s.endedAt IS NOT NULL AND s.endedAt > :since")
@NamedQuery(name = LoginSession.LIVE_OF_ACCOUNT,
        query = "SELECT s FROM LoginSession s WHERE s.account.id = :account AND s.endedAt IS NULL")
public class LoginSession {

    public static final String ENDED_SINCE = "LoginSession.endedSince";
    public static final String LIVE_OF_ACCOUNT = "LoginSession.liveOfAccount";

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "end_reason", length = 32)
    private String endReason;

    protected LoginSession() {
    }

    public LoginSession(Account account, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.account = account;
        this.createdAt = createdAt;
    }

    public void end(Instant at, String reason) {
        if (endedAt == null) {
            endedAt = at;
            endReason = reason;
        }
    }

    public boolean ended() {
        return endedAt != null;
    }

    public String id() {
        return id;
    }

    public Account account() {
        return account;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
