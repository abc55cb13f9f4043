package org.tokenauth.platform;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@link Announced} event fired by this server, inside the transaction of the change it describes.
 * Observers that must act in that transaction (revoke in the database) observe {@code @Local} events
 * only; observers that keep memory current observe every event, so that they also apply what the
 * other servers of the cluster announce, which arrives without this qualifier.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Local {

    final class Literal extends jakarta.enterprise.util.AnnotationLiteral<Local> implements Local {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
