package org.tokenauth.example.notes;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Listed by {@code /health/ready} once the WAR is deployed: what the test waits for before calling. */
@Readiness
@ApplicationScoped
public class NotesReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("notes");
    }
}
