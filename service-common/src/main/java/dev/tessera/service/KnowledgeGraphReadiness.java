package dev.tessera.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the models are loaded (this bean exists only after {@link DomainComponents} started) and the domain's
 * knowledge graph answers; ask needs both.
 */
@Readiness
@ApplicationScoped
public class KnowledgeGraphReadiness implements HealthCheck {

    private final DomainComponents components;

    public KnowledgeGraphReadiness(DomainComponents components) {
        this.components = components;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("tessera-" + components.domain().name() + "-knowledge-graph");
        if (components.graph().isEmpty()) {
            return response.down().withData("reason", "tessera.graph.uri is not set").build();
        }
        try {
            components.graph().get().verifyConnectivity();
            return response.up().withData("breaker", components.graph().get().breakerState().name()).build();
        } catch (RuntimeException e) {
            return response.down().withData("reason", e.getClass().getSimpleName()).build();
        }
    }
}
