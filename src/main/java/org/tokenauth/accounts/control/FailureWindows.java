package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.tokenauth.accounts.entity.FailureWindow;

/**
 * The statements of the login throttle, each in a short transaction of its own: a row is locked only
 * for the time of one statement, never while a password is hashed.
 */
@ApplicationScoped
public class FailureWindows {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    /** Counts one more check in flight in the key's open window, unless it is full; the window's start if counted. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Instant> begin(String key, Instant cutoff, int max) {
        int counted = em.createNamedQuery(FailureWindow.BEGIN).setParameter("key", key)
                .setParameter("cutoff", cutoff).setParameter("max", max).executeUpdate();
        return counted == 0 ? Optional.empty() : find(key).map(FailureWindow::windowStart);
    }

    /** Opens a new window, with this check in flight, where the key's last window has ended. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean beginNewWindow(String key, Instant cutoff, Instant now) {
        return em.createNamedQuery(FailureWindow.BEGIN_NEW_WINDOW).setParameter("key", key).setParameter("cutoff", cutoff)
                .setParameter("now", now).executeUpdate() == 1;
    }

    /** Opens the key's first window; false when another request did so first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean open(String key, Instant now) {
        if (find(key).isPresent()) {
            return false;
        }
        em.persist(new FailureWindow(key, now));
        em.flush();
        return true;
    }

    public Optional<FailureWindow> find(String key) {
        return Optional.ofNullable(em.find(FailureWindow.class, key));
    }

    /** The check in flight failed: it is now a failure of the window (unless the window was restarted since). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(String key, Instant windowStart) {
        end(FailureWindow.FAILED, key, windowStart);
    }

    /** The check in flight is not counted after all (nothing was checked, or it succeeded and failures stay). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void takenBack(String key, Instant windowStart) {
        end(FailureWindow.TAKEN_BACK, key, windowStart);
    }

    /** The check in flight succeeded, and the key's failures are forgotten. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(String key, Instant windowStart) {
        end(FailureWindow.SUCCEEDED, key, windowStart);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int forgetEnded(Instant cutoff) {
        return em.createNamedQuery(FailureWindow.FORGET_ENDED).setParameter("cutoff", cutoff).executeUpdate();
    }

    private void end(String statement, String key, Instant windowStart) {
        em.createNamedQuery(statement).setParameter("key", key).setParameter("start", windowStart).executeUpdate();
    }
}
