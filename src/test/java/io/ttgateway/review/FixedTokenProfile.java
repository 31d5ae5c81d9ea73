package io.ttgateway.review;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Set;

/** The reviews sync with a fixed v4 bearer token ({@link FixedTokenSyncAccess}). */
public class FixedTokenProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FixedTokenSyncAccess.class);
    }
}
