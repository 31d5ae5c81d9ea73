package io.ttgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on answer bodies that hold for every status. */
public final class Answers {

    private Answers() {}

    /** No stack trace, exception or class name of ours or of the JDK in an answer. */
    public static void assertNoInternals(String body) {
        assertThat(body)
                .doesNotContain("Exception")
                .doesNotContain("java.")
                .doesNotContain("io.ttgateway")
                .doesNotContain("\tat ")
                .doesNotContain("com.fasterxml")
                .doesNotContain("org.hibernate")
                .doesNotContain("io.vertx");
    }
}
