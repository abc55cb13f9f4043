package org.tokenauth.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The password checks counted for one key (a username or a client address, hashed) in a window that
 * opens with the first one: the failures, and the checks in flight. A check is counted in flight
 * before its password is hashed, and becomes a failure or is taken back when the answer is known, so
 * that the limit holds however many checks arrive at once, on however many servers: at most
 * {@code max - failures} can be in flight. Every change is one conditional statement.
 */
@Entity
@Table(name = "login_attempts")
@NamedQuery(name = FailureWindow.BEGIN,
        query = "UPDATE FailureWindow w SET w.inFlight = w.inFlight + 1"
                + " WHERE w.keyHash = :key AND w.windowStart > :cutoff AND w.failures + w.inFlight < :max")
@NamedQuery(name = FailureWindow.BEGIN_NEW_WINDOW,
        query = "UPDATE FailureWindow w SET w.windowStart = :now, w.failures = 0, w.inFlight = 1"
                + " WHERE w.keyHash = :key AND w.windowStart <= :cutoff")
@NamedQuery(name = FailureWindow.FAILED,
        query = "UPDATE FailureWindow w SET w.inFlight = w.inFlight - 1, w.failures = w.failures + 1"
                + " WHERE w.keyHash = :key AND w.windowStart = :start AND w.inFlight > 0")
@NamedQuery(name = FailureWindow.TAKEN_BACK,
        query = "UPDATE FailureWindow w SET w.inFlight = w.inFlight - 1"
                + " WHERE w.keyHash = :key AND w.windowStart = :start AND w.inFlight > 0")
@NamedQuery(name = FailureWindow.SUCCEEDED,
        query = "UPDATE FailureWindow w SET w.inFlight = w.inFlight - 1, w.failures = 0"
                + " WHERE w.keyHash = :key AND w.windowStart = :start AND w.inFlight > 0")
@NamedQuery(name = FailureWindow.FORGET_ENDED, query = "DELETE FROM FailureWindow w WHERE w.windowStart <= :cutoff AND w.inFlight = 0")
public class FailureWindow {

    public static final String BEGIN = "FailureWindow.begin";
    public static final String BEGIN_NEW_WINDOW = "FailureWindow.beginNewWindow";
    public static final String FAILED = "FailureWindow.failed";
    public static final String TAKEN_BACK = "FailureWindow.takenBack";
    public static final String SUCCEEDED = "FailureWindow.succeeded";
    public static final String FORGET_ENDED = "FailureWindow.forgetEnded";

    /** SHA-256 (hex) of the key: fixed length, and nothing a client typed reaches the database as text. */
    @Id
    @Column(name = "key_hash", length = 64)
    private String keyHash;

    @Column(name = "window_start", nullable = false)
    private Instant windowStart;

    @Column(nullable = false)
    private int failures;

    @Column(name = "in_flight", nullable = false)
    private int inFlight;

    protected FailureWindow() {
    }

    /** A window that opens now with one check in flight. */
    public FailureWindow(String keyHash, Instant windowStart) {
        this.keyHash = keyHash;
        this.windowStart = windowStart;
        this.inFlight = 1;
    }

    public Instant windowStart() {
        return windowStart;
    }

    public int failures() {
        return failures;
    }
}
