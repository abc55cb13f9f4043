package org.tokenauth.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.SessionEventManager;

/**
 * In-container only (it needs EclipseLink, Payara's JPA provider): records the SQL of every statement
 * that the application's persistence unit executes while some work runs, whichever thread runs it.
 * A listener on the unit's {@code ServerSession}: every client session and unit of work made while
 * it is registered gets a copy of it, and {@code postExecuteCall} fires once per executed call.
 * Statements that bypass EclipseLink (the pool's own connection checks) are not seen.
 */
@ApplicationScoped
public class StatementRecorder {

    /** The SQL of each statement, in order, and how many there were. */
    public record Recorded(List<String> sql, int count) {
    }

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    public Recorded record(Runnable work) {
        SessionEventManager events = em.unwrap(JpaEntityManager.class).getServerSession().getEventManager();
        AtomicInteger count = new AtomicInteger();
        List<String> sql = new CopyOnWriteArrayList<>();
        Listener listener = new Listener(count, sql);
        events.addListener(listener);
        try {
            work.run();
        } finally {
            events.removeListener(listener);
            listener.active = false; // copies held by sessions made meanwhile fall silent too
        }
        return new Recorded(List.copyOf(sql), count.get());
    }

    private static final class Listener extends SessionEventAdapter {
        private final AtomicInteger count;
        private final List<String> sql;
        volatile boolean active = true;

        Listener(AtomicInteger count, List<String> sql) {
            this.count = count;
            this.sql = sql;
        }

        @Override
        public void postExecuteCall(SessionEvent event) {
            if (active && event.getCall() instanceof DatabaseCall call) {
                count.incrementAndGet();
                sql.add(call.getSQLString());
            }
        }
    }
}
