package org.tokenauth.audit;

/** Why a credential stopped working, as the audit log names it. */
public enum RevocationReason {
    /** The holder logged out with it. */
    LOGOUT("logout"),
    /** A refresh token was presented a second time: its whole session ends. */
    REFRESH_REUSE("refresh_reuse"),
    PASSWORD_CHANGE("password_change"),
    DISABLED("disabled"),
    /** A login session reached {@code tokenauth.jwt.session-max-age}. */
    SESSION_MAX_AGE("session_max_age"),
    /** The owner revoked this one API token. */
    REVOKED("revoked"),
    /** The owner revoked all of its API tokens. */
    REVOKED_ALL("revoked_all");

    private final String label;

    RevocationReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
