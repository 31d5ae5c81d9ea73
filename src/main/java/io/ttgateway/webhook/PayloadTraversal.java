package io.ttgateway.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation may look at every property. With JPA present, Hibernate Validator otherwise asks
 * JPA for each property of each validated object whether it is loaded (a reflective check that was a
 * visible share of a webhook's CPU). Only the webhook payload records are validated, and no entity
 * has constraints or lazy associations, so there is nothing to protect from loading. (The validator
 * still caches each answer per validation unless its context turns that off: {@link WebhookParser}.)
 */
@ApplicationScoped
public class PayloadTraversal implements TraversableResolver {

    @Override
    public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
        return true;
    }

    @Override
    public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
        return true;
    }
}
