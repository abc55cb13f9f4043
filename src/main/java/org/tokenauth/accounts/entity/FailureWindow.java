package org.tokenauth.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The password attempts counted for one key (a username or a client address, hashed) in a window
 * that opens with the first attempt. Attempts are counted before the password is checked and taken
 * back after a success, so that attempts in flight count against the limit: the limit holds however
 * many arrive at once, on however many servers. Every change is one conditional statement.
 */
@Entity
@Table(name = "login_attempts")
@NamedQuery(name = FailureWindow.COUNT_ONE_MORE,
        query = "UPDATE FailureWindow w SET w.attempts = w.attempts + 1"
                + " WHERE w.keyHash = :key AND w.windowStart > :cutoff AND w.attempts < :max")
@NamedQuery(name = FailureWindow.START_AGAIN,
        query = "UPDATE FailureWindow w SET w.windowStart = :now, w.attempts = 1 WHERE w.keyHash = :key AND w.windowStart <= :cutoff")
@NamedQuery(name = FailureWindow.TAKE_ONE_BACK,
        query = "UPDATE FailureWindow w SET w.attempts = w.attempts - 1"
                + " WHERE w.keyHash = :key AND w.windowStart = :start AND w.attempts > 0")
@NamedQuery(name = FailureWindow.FORGET, query = "DELETE FROM FailureWindow w WHERE w.keyHash = :key")
@NamedQuery(name = FailureWindow.FORGET_ENDED, query = "DELETE FROM FailureWindow w WHERE w.windowStart <= :cutoff")
public class FailureWindow {

    public static final String COUNT_ONE_MORE = "FailureWindow.countOneMore";
    public static final String START_AGAIN = "FailureWindow.startAgain";
    public static final String TAKE_ONE_BACK = "FailureWindow.takeOneBack";
    public static final String FORGET = "FailureWindow.forget";
    public static final String FORGET_ENDED = "FailureWindow.forgetEnded";

    /** SHA-256 (hex) of the key: fixed length, and nothing a client typed reaches the database as text. */
    @Id
    @Column(name = "key_hash", length = 64)
    private String keyHash;

    @Column(name = "window_start", nullable = false)
    private Instant windowStart;

    @Column(nullable = false)
    private int attempts;

    protected FailureWindow() {
    }

    /** A window that opens now with its first attempt. */
    public FailureWindow(String keyHash, Instant windowStart) {
        this.keyHash = keyHash;
        this.windowStart = windowStart;
        this.attempts = 1;
    }

    public Instant windowStart() {
        return windowStart;
    }

    public int attempts() {
        return attempts;
    }
}
