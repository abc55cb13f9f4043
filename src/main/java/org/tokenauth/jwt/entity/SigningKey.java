package org.tokenauth.jwt.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A key that signs access tokens: its public half in clear, its private half encrypted (and gone
 * once retired), and its slot. The slot column is unique, so there is at most one current and one
 * next key, whatever servers try at the same moment; a rotation is a few conditional updates.
 */
@Entity
@Table(name = "signing_keys")
@NamedQuery(name = SigningKey.ALL, query = "SELECT k FROM SigningKey k ORDER BY k.createdAt, k.kid")
@NamedQuery(name = SigningKey.RETIRE,
        query = "UPDATE SigningKey k SET k.slot = NULL, k.retiredAt = :now, k.privateJwk = NULL WHERE k.kid = :kid AND k.slot = 'current'")
@NamedQuery(name = SigningKey.PROMOTE,
        query = "UPDATE SigningKey k SET k.slot = 'current', k.activatedAt = :now WHERE k.kid = :kid AND k.slot = 'next'")
@NamedQuery(name = SigningKey.DELETE_RETIRED_BEFORE,
        query = "DELETE FROM SigningKey k WHERE k.slot IS NULL AND k.retiredAt < :cutoff")
public class SigningKey {

    public static final String ALL = "SigningKey.all";
    public static final String RETIRE = "SigningKey.retire";
    public static final String PROMOTE = "SigningKey.promote";
    public static final String DELETE_RETIRED_BEFORE = "SigningKey.deleteRetiredBefore";
    public static final String CURRENT = "current";
    public static final String NEXT = "next";

    @Id
    @Column(length = 64)
    private String kid;

    @Column(length = 8, unique = true)
    private String slot;

    @Column(name = "public_jwk", nullable = false, length = 2000)
    private String publicJwk;

    @Column(name = "private_jwk", length = 8000)
    private String privateJwk;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected SigningKey() {
    }

    /**
     * @param encryptedPrivateJwk the private half as a JWE under the key-encryption key; null for a
     *                            key imported already retired
     */
    public SigningKey(String kid, String slot, String publicJwk, String encryptedPrivateJwk, Instant createdAt,
                      Instant activatedAt, Instant retiredAt) {
        this.kid = kid;
        this.slot = slot;
        this.publicJwk = publicJwk;
        this.privateJwk = encryptedPrivateJwk;
        this.createdAt = createdAt;
        this.activatedAt = activatedAt;
        this.retiredAt = retiredAt;
    }

    public String kid() {
        return kid;
    }

    /** {@code current}, {@code next}, or null when retired. */
    public String slot() {
        return slot;
    }

    public String publicJwk() {
        return publicJwk;
    }

    public String encryptedPrivateJwk() {
        return privateJwk;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When it began to sign; null for a next key. */
    public Instant activatedAt() {
        return activatedAt;
    }

    public Instant retiredAt() {
        return retiredAt;
    }
}
