package org.tokenauth.container;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.tokenauth.platform.AnnouncementsMissed;
import org.tokenauth.platform.Announced;
import org.tokenauth.platform.ClusterMode;
import org.tokenauth.platform.Local;

/**
 * The seam between the servers of a cluster. Every {@link Announced} change this server makes is
 * published once its transaction has committed; every change another server publishes is fired here
 * as the same CDI event (without {@link Local}), so that the features apply it to their memory exactly
 * as they apply their own. Where messages may have been missed, {@link AnnouncementsMissed} makes
 * them read their state from the database.
 *
 * <p>The transport is Payara's data grid where there is one ({@link HazelcastLink}); elsewhere (Payara
 * with {@code --nohazelcast}, WildFly, Open Liberty) a single server needs none ({@link GridLink#NONE}).
 */
@ApplicationScoped
public class ClusterAnnouncements {

    private static final Logger LOG = Logger.getLogger(ClusterAnnouncements.class.getName());
    static final String GRID_JNDI_NAME = "payara/Hazelcast";
    static final String TOPIC = "tokenauth.announcements";

    /** Tells this node's own messages apart: the grid delivers them back. */
    private final String origin = UUID.randomUUID().toString();
    private volatile GridLink link = GridLink.NONE;
    private Executor executor;

    @Inject
    Event<Announced> received;

    @Inject
    Event<AnnouncementsMissed> missed;

    @Inject
    ClusterMode mode;

    /** Early at start (after the schema), so that whatever depends on the cluster mode sees it. */
    void connect(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) @Initialized(ApplicationScoped.class) Object started) {
        Object grid = lookup(GRID_JNDI_NAME);
        if (grid == null) {
            return;
        }
        executor = managedExecutor();
        ClassLoader application = ClusterAnnouncements.class.getClassLoader();
        try {
            // by name: the one class that imports Hazelcast is loaded only where the grid is
            link = (GridLink) Class.forName(ClusterAnnouncements.class.getPackageName() + ".HazelcastLink", true, application)
                    .getDeclaredConstructor(Object.class, String.class, java.util.function.Consumer.class, Runnable.class)
                    .newInstance(grid, TOPIC, (java.util.function.Consumer<String>) this::receive,
                            (Runnable) () -> run(() -> missed.fire(new AnnouncementsMissed(Instant.now()))));
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.WARNING, "Payara's data grid is there but cannot be used; this server announces nothing", e);
            return;
        }
        mode.joined(link.clustered());
        LOG.info(link.clustered() ? "announcing revocations to the cluster through Payara's data grid" : "a data grid of one: no cluster");
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Local Announced change) {
        link.publish(AnnouncementCodec.encode(change, origin));
    }

    private void receive(String message) {
        AnnouncementCodec.Decoded decoded;
        try {
            decoded = AnnouncementCodec.decode(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignored an announcement that is not ours", e);
            return;
        }
        if (!origin.equals(decoded.origin())) {
            run(() -> received.fire(decoded.event()));
        }
    }

    /** On a thread of the server's own, with the application's context (the grid's threads have neither). */
    private void run(Runnable work) {
        Executor managed = executor;
        if (managed != null) {
            managed.execute(work);
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(ClusterAnnouncements.class.getClassLoader());
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @PreDestroy
    void disconnect() {
        link.close();
    }

    private static Executor managedExecutor() {
        Object found = lookup("java:comp/DefaultManagedExecutorService");
        return found instanceof Executor executor ? executor : null;
    }

    private static Object lookup(String name) {
        try {
            return new InitialContext().lookup(name);
        } catch (NamingException | RuntimeException absent) {
            return null;
        }
    }
}
