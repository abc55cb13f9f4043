package org.tokenauth.jwt.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.tokenauth.jwt.control.SigningKeys;

/** Ready when the database answers and there is a key to sign with. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    SigningKeys keys;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("token-auth");
        boolean up = true;
        try {
            em.createNativeQuery("SELECT 1").getSingleResult();
            response.withData("database", "UP");
        } catch (RuntimeException e) {
            up = false;
            response.withData("database", "DOWN: " + e.getClass().getSimpleName());
        }
        try {
            boolean keyUp = keys.currentKid() != null && keys.publicJwks().contains(keys.currentKid());
            up &= keyUp;
            response.withData("signing_key", keyUp ? "UP" : "DOWN");
        } catch (RuntimeException e) {
            up = false;
            response.withData("signing_key", "DOWN: " + e.getClass().getSimpleName());
        }
        return response.status(up).build();
    }
}
