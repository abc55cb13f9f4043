package org.tokenauth.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema up to date at start, before anything reads it: Flyway, with the
 * versioned SQL of {@code db/migration} (the same SQL for H2 and PostgreSQL). A database made by
 * version 1.0, whose schema EclipseLink generated and which has no migration history, is taken as
 * version 1 and migrated from there. A failed migration fails the start: nothing is served on a
 * half-migrated schema.
 *
 * <p>The empty files {@code db/migration/flyway.location} and {@code db/callback/flyway.location} are
 * how Flyway finds its folders on Open Liberty, whose class loader lists no folders: without the
 * first, Flyway finds no migrations there and the start fails; without the second, it logs an ERROR
 * at each start for {@code db/callback}, where it always looks for callbacks (there are none).
 *
 * <p>Its observer runs first among the start-up observers (the smallest priority runs first), and
 * nothing touches the application's tables before: EclipseLink generates no DDL, and the beans that
 * read the database at start observe the same event later.
 */
@ApplicationScoped
public class SchemaMigrations {

    /** The server's data source, the persistence unit's (persistence.xml). */
    public static final String DATA_SOURCE = "jdbc/tokenauth";

    // not @Transactional: Flyway commits each migration itself
    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object started)
            throws NamingException {
        // looked up by hand: @Resource(lookup = "jdbc/tokenauth") is not resolved on WildFly, which binds java:/jdbc/tokenauth
        Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource((DataSource) new InitialContext().lookup(DATA_SOURCE))
                .locations("classpath:db/migration")
                // a location the class loader cannot see is an error, not "no migrations found"
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .baselineDescription("schema of 1.0, made by EclipseLink")
                .load()
                .migrate();
    }
}
